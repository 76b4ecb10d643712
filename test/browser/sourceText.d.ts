/** `import text from './file.ts?source'`: the file's text, embedded by the build (scripts/build.mjs). */
declare module '*?source' {
  const text: string;
  export default text;
}
