-- Headless Neovim as an LSP client of the Verbatim server: run by test/neovim/run.sh as
--   VERBATIM_ROOT=<project> VERBATIM_OUT=<file.json> nvim --headless --clean -c "luafile check.lua"
-- Starts `node server/out/server.js --stdio`, opens the fixture essay, waits for the diagnostics,
-- asks for a hover and the code actions (as vim.lsp.buf.code_action does), and writes everything it got as JSON to VERBATIM_OUT.
-- It asserts nothing itself: test/neovim/assert.mjs compares the JSON with the expected values.

local root = assert(os.getenv('VERBATIM_ROOT'), 'VERBATIM_ROOT is not set')
local out_path = assert(os.getenv('VERBATIM_OUT'), 'VERBATIM_OUT is not set')
local timeout_ms = tonumber(os.getenv('VERBATIM_NVIM_TIMEOUT_MS') or '') or 20000
local workspace = root .. '/test/fixtures/workspace'
local essay = workspace .. '/essay.md'

local result = { nvim = tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch }

local function finish(code)
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  for _, client in pairs(vim.lsp.get_active_clients()) do
    client.stop()
  end
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

local function fail(message)
  result.error = message
  finish(1)
end

-- Keep the server's raw publishDiagnostics (LSP positions, UTF-16) beside Neovim's own view.
local publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
  if params and params.uri == vim.uri_from_fname(essay) then
    result.published = params.diagnostics
  end
  return publish(err, params, ctx, config)
end

local client_id = vim.lsp.start_client({
  name = 'verbatim',
  cmd = { 'node', root .. '/server/out/server.js', '--stdio' },
  root_dir = workspace,
  workspace_folders = { { uri = vim.uri_from_fname(workspace), name = 'workspace' } },
  on_init = function(_, initialize_result)
    result.server_info = initialize_result.serverInfo
  end,
  on_exit = function(code, signal)
    if code ~= 0 and not result.done then
      result.server_exit = { code = code, signal = signal }
    end
  end,
})
if not client_id then
  return fail('vim.lsp.start_client returned nil')
end

vim.cmd('edit ' .. vim.fn.fnameescape(essay))
local bufnr = vim.api.nvim_get_current_buf()
vim.bo[bufnr].filetype = 'markdown'
vim.lsp.buf_attach_client(bufnr, client_id)

local ready = vim.wait(timeout_ms, function()
  return #vim.diagnostic.get(bufnr) > 0
end, 20)
if not ready then
  return fail('no diagnostics within ' .. timeout_ms .. ' ms')
end

local client = vim.lsp.get_client_by_id(client_id)
result.offset_encoding = client.offset_encoding
result.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  table.insert(result.diagnostics, {
    lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
    severity = d.severity, code = d.code, source = d.source, message = d.message,
  })
end

-- Hover and code actions at the start of each published diagnostic (LSP positions as the server sent them).
local uri = vim.uri_from_fname(essay)
result.hovers = {}
result.code_actions = {}
result.echoed = {}
for _, d in ipairs(result.published or {}) do
  local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', {
    textDocument = { uri = uri }, position = d.range.start,
  }, 5000)
  local value = vim.NIL
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then value = r.result.contents.value or r.result.contents end
  end
  table.insert(result.hovers, value)
  -- Code actions the way vim.lsp.buf.code_action() asks in Neovim 0.7: the cursor's position as the
  -- range (make_range_params) and the line's diagnostics as vim.diagnostic holds them, whose columns
  -- Neovim 0.7 echoes in bytes (get_line_diagnostics): the server must go by the range.
  local shown
  for _, v in ipairs(vim.diagnostic.get(bufnr, { lnum = d.range.start.line })) do
    if v.code == d.code then shown = v end
  end
  vim.api.nvim_win_set_cursor(0, { d.range.start.line + 1, (shown and shown.col or 0) + 1 })
  local params = vim.lsp.util.make_range_params()
  local line_diagnostics = vim.lsp.diagnostic.get_line_diagnostics and vim.lsp.diagnostic.get_line_diagnostics(bufnr) or {}
  params.context = { diagnostics = line_diagnostics }
  table.insert(result.echoed, line_diagnostics)
  local actions = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 5000)
  local titles = {}
  for _, r in pairs(actions or {}) do
    for _, a in ipairs(r.result or {}) do
      local edits = a.edit and a.edit.changes and a.edit.changes[uri] or {}
      table.insert(titles, { title = a.title, kind = a.kind, preferred = a.isPreferred == true, edits = edits })
    end
  end
  table.insert(result.code_actions, titles)
end

result.done = true
finish(0)
