const paint =
  (code: string) =>
  (text: string): string =>
    `\u001b[${code}m${text}\u001b[0m`;
const green = paint('32');
const red = paint('31');
const bold = paint('1');

/** Colours the marks and the score of `formatTable`'s output; the words stay for readers without colour. */
export function colourTable(table: string): string {
  return table
    .split('\n')
    .map((line) =>
      line
        .replace(/^( {2})PASS /, (_, pad: string) => `${pad}${green('PASS')} `)
        .replace(/^( {2})FAIL /, (_, pad: string) => `${pad}${red('FAIL')} `)
        .replace(/^(Score: |得分：).*/, (s) => bold(s)),
    )
    .join('\n');
}

export function colourVerdict(passed: boolean, text: string, colour: boolean): string {
  return colour ? (passed ? green(text) : red(text)) : text;
}
