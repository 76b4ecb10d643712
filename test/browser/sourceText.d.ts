// `import texts from '../exercises/*/reference.ts?sources'`: the text of each such file, by the name
// of the folder the star stands for, embedded by the build (scripts/build.mjs).
declare module '*?sources' {
  const texts: Record<string, string>;
  export default texts;
}
