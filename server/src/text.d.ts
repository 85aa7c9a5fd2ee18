// esbuild embeds .txt files as strings (loader "text").
declare module '*.txt' {
  const text: string;
  export default text;
}

// The validator of schemas/verbatim-config.schema.json, compiled at build time (scripts/configValidator.mjs).
declare module 'verbatim:config-validator' {
  const validate: import('ajv').ValidateFunction;
  export default validate;
}
