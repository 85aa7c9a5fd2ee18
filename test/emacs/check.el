;;; check.el --- Emacs + eglot as an LSP client of the Verbatim server  -*- lexical-binding: t -*-

;; Run by test/emacs/run.sh as
;;   VERBATIM_ROOT=<project> VERBATIM_OUT=<file.json> VERBATIM_WORK=<copy of test/fixtures/workspace> \
;;     emacs --batch -l check.el
;; (not -Q: Debian's elpa packages load through site-start).
;; Emacs with Debian's eglot and no other package (no yasnippet, no markdown-mode), set up as the
;; README tells eglot users. It opens a copy of the fixture essay, waits for flymake's
;; diagnostics, asks for a hover where eldoc would, completes a quotation with
;; `completion-at-point''s own table and exit function (what the *Completions* buffer, company
;; and corfu all call), and applies a quick fix through `eglot-code-actions' as a user picking it
;; from the minibuffer does. It writes what it saw as JSON; test/emacs/assert.mjs judges it.

(require 'cl-lib)
(require 'json)
(require 'eglot)

(defvar verbatim-root (or (getenv "VERBATIM_ROOT") (error "VERBATIM_ROOT is not set")))
(defvar verbatim-out (or (getenv "VERBATIM_OUT") (error "VERBATIM_OUT is not set")))
(defvar verbatim-work (or (getenv "VERBATIM_WORK") (error "VERBATIM_WORK is not set")))
(defvar verbatim-timeout 30)
(defvar verbatim-result nil)

(defun verbatim-put (key value) (push (cons key value) verbatim-result))

(defun verbatim-finish (code)
  ;; What eglot told the user (a warning about an unsupported registration or an unknown notification lands here).
  (verbatim-put 'messages (with-current-buffer (messages-buffer) (buffer-substring-no-properties (point-min) (point-max))))
  (with-temp-file verbatim-out
    (insert (let ((json-encoding-pretty-print nil)) (json-encode verbatim-result))))
  (ignore-errors (eglot-shutdown-all))
  (kill-emacs code))

(defun verbatim-wait (what predicate)
  "Run the event loop until PREDICATE holds; fail naming WHAT after `verbatim-timeout' seconds."
  (let ((deadline (+ (float-time) verbatim-timeout)))
    (while (and (not (funcall predicate)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (unless (funcall predicate)
      (verbatim-put 'error (format "timed out waiting for %s" what))
      (verbatim-finish 1))))

;; Warn on any notification that is not standard LSP, as lsp-mode does (a custom one must not be sent unasked).
(add-to-list 'eglot-strict-mode 'disallow-unknown-methods)
;; No markdown-mode package: a major mode of that name gives the language id "markdown".
(define-derived-mode markdown-mode text-mode "Markdown")
;; The README's setup block for eglot, with this checkout's path for /path/to/verbatim.
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               `((markdown-mode gfm-mode) . ("node" ,(expand-file-name "server/out/server.js" verbatim-root) "--stdio"))))
(setq-default eglot-workspace-configuration '(:verbatim (:minWords 4 :citationStyle "mla")))

(condition-case err
    (progn
      (find-file (expand-file-name "essay.md" verbatim-work))
      (markdown-mode)
      (verbatim-put 'emacs emacs-version)
      ;; What M-x eglot (or eglot-ensure, on the next command) does.
      (apply #'eglot (eglot--guess-contact))
      (verbatim-wait "eglot to connect" (lambda () (eglot-current-server)))
      (verbatim-put 'server (plist-get (eglot--server-info (eglot-current-server)) :name))
      ;; Diagnostics as flymake shows them: 1-based lines, the text they cover.
      (verbatim-wait "diagnostics" (lambda () (cl-some (lambda (d) (eq (flymake-diagnostic-backend d) 'eglot-flymake-backend))
                                                       (flymake-diagnostics))))
      (let ((diags (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b))))))
        (verbatim-put 'diagnostics
                      (vconcat
                       (mapcar (lambda (d)
                                 `((line . ,(line-number-at-pos (flymake-diagnostic-beg d)))
                                   (text . ,(buffer-substring-no-properties (flymake-diagnostic-beg d) (flymake-diagnostic-end d)))
                                   (type . ,(symbol-name (flymake-diagnostic-type d)))
                                   (message . ,(flymake-diagnostic-text d))))
                               diags))))
      ;; Hover where eldoc asks for it: inside the misquote.
      (goto-char (point-min))
      (search-forward "There never was")
      (let ((hover (jsonrpc-request (eglot-current-server) :textDocument/hover (eglot--TextDocumentPositionParams))))
        (verbatim-put 'hover (and hover (eglot--hover-info (plist-get hover :contents))))
        (verbatim-put 'hover_kind (and hover (plist-get (plist-get hover :contents) :kind))))
      ;; Completion: a new line, typed up to a misspelt opening of Miss Emily's line.
      (goto-char (point-max))
      (insert "\nMiss Emily says, “there wre no")
      (let* ((capf (eglot-completion-at-point))
             (table (nth 2 capf))
             (props (nthcdr 3 capf))
             (typed (buffer-substring-no-properties (nth 0 capf) (nth 1 capf)))
             (candidates (all-completions typed table)))
        (verbatim-put 'completions (length candidates))
        (when candidates
          ;; What choosing the first candidate does: its text replaces what was typed, then the exit function.
          (let ((choice (car candidates)))
            (delete-region (nth 0 capf) (nth 1 capf))
            (goto-char (nth 0 capf))
            (insert choice)
            (funcall (plist-get props :exit-function) choice 'finished)))
        (verbatim-put 'completed_line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
      ;; A quick fix, picked by title from eglot's minibuffer prompt.
      (goto-char (point-min))
      (search-forward "Ruth insists")
      (let ((beg (line-beginning-position))
            (end (line-end-position))
            (offered nil))
        (cl-letf (((symbol-function 'completing-read)
                   (lambda (_prompt collection &rest _)
                     (setq offered (mapcar #'car collection))
                     "Attribute to Tommy")))
          (let ((last-nonmenu-event 13))
            (eglot-code-actions beg end nil t)))
        (verbatim-put 'offered (vconcat offered))
        (verbatim-put 'fixed_line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
;; Update Works Cited: the README's M-x eglot-code-actions, anywhere in the essay.
      (goto-char (point-min))
      ;; It runs verbatim.updateReferences, whose edit eglot asks the user to confirm (answered yes).
      (cl-letf (((symbol-function 'completing-read) (lambda (&rest _) "Update Works Cited"))
                ((symbol-function 'y-or-n-p) (lambda (prompt) (verbatim-put 'confirmed prompt) t)))
        (let ((last-nonmenu-event 13))
          (eglot-code-actions (point) (point) nil t)))
      (verbatim-put 'works_cited
                    (save-excursion
                      (goto-char (point-min))
                      (and (search-forward "<!-- verbatim:works-cited -->" nil t)
                           (buffer-substring-no-properties (point) (save-excursion (search-forward "<!-- /verbatim:works-cited -->") (match-beginning 0))))))
      ;; Check All Essays: the README's M-: (eglot-execute-command (eglot-current-server) "verbatim.checkWorkspace" nil)
      (let ((result (eglot-execute-command (eglot-current-server) "verbatim.checkWorkspace" nil)))
        (verbatim-put 'check_workspace (list (cons 'files (plist-get result :files)) (cons 'flagged (plist-get result :flagged)))))
      (verbatim-put 'done t)
      (verbatim-finish 0))
  (error
   (verbatim-put 'error (error-message-string err))
   (verbatim-finish 1)))
