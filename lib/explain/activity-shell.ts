/**
 * Shell words of one pasted command line, enough for kubectl lines: single and double quotes,
 * backslash escapes, and the operators `|`, `||`, `&&`, `;` that separate commands (so
 * `kubectl get pods | grep web` is one kubectl command). Redirections (`>f`, `2>&1`) are dropped.
 * No expansion: `$VAR` stays as written.
 */

export type ShellResult = { commands: string[][] } | { error: string };

const OPERATORS = ["&&", "||", "|", ";", "&"];

export function shellCommands(line: string): ShellResult {
  const commands: string[][] = [[]];
  let word: string | undefined;
  let quote: "'" | '"' | undefined;
  const end = () => {
    if (word !== undefined) commands[commands.length - 1]!.push(word);
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === "\\" && quote === '"' && i + 1 < line.length) word = (word ?? "") + line[++i];
      else word = (word ?? "") + c;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      word ??= "";
    } else if (c === "\\" && i + 1 < line.length) {
      word = (word ?? "") + line[++i];
    } else if (/\s/.test(c)) {
      end();
    } else if (c === "&" && word !== undefined && /[<>]$/.test(word)) {
      word += c; // `2>&1`
    } else if (c === "#" && word === undefined) {
      break; // a comment
    } else {
      const op = OPERATORS.find((o) => line.startsWith(o, i));
      if (op) {
        end();
        commands.push([]);
        i += op.length - 1;
      } else word = (word ?? "") + c;
    }
  }
  if (quote) return { error: `unterminated ${quote === "'" ? "single" : "double"} quote` };
  end();
  return { commands: commands.map(dropRedirections).filter((c) => c.length > 0) };
}

/** Drops `>file`, `2>&1`, `> file`, `<file`. */
function dropRedirections(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (/^\d*[<>]+&?$/.test(w))
      i++; // the target is the next word
    else if (!/^\d*[<>]/.test(w)) out.push(w);
  }
  return out;
}
