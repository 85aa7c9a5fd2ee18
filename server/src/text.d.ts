// esbuild embeds .txt files as strings (loader "text").
declare module '*.txt' {
  const text: string;
  export default text;
}
