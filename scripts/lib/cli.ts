/**
 * What the command-line tools share: arguments parsed with `node:util`'s parseArgs, `--help`,
 * refusals of bad usage (the message, then the usage line, exit status 2), the one input a
 * command runs, `--seconds` and `--seed`, and reading the input as a document.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { TopologyDocument } from '../../src/model';
import { formatErrors, loadInput } from './load-input';

export interface CommandLine {
  /** Refuses bad usage: the message and the usage on stderr, exit status 2. */
  bad(message: string): never;
  /** The arguments, or null when `--help` (or `-h`) asked for the usage, which is printed. */
  parse<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> | null;
  /** The single positional argument, refusing none (`Missing <what>.`) or more. */
  input(positionals: readonly string[], what: string): string;
  /** `--seconds`: a finite number > 0, `fallback` when absent. */
  seconds(text: string | undefined, fallback: number): number;
}

/** The shared handling for a command whose usage line is `usage` (`help` is printed for --help). */
export function commandLine(usage: string, help: () => string = () => usage): CommandLine {
  const bad = (message: string): never => {
    process.stderr.write(`${message}\n${usage}\n`);
    process.exit(2);
  };
  return {
    bad,
    parse<T extends ParseArgsConfig>(config: T) {
      let args: ReturnType<typeof parseArgs<T>>;
      try {
        args = parseArgs({ ...config, options: { ...config.options, help: { type: 'boolean', short: 'h' } } }) as ReturnType<typeof parseArgs<T>>;
      } catch (e) {
        return bad((e as Error).message);
      }
      if ((args.values as { help?: boolean }).help) {
        process.stdout.write(help() + '\n');
        return null;
      }
      return args;
    },
    input(positionals, what) {
      const [input, ...extra] = positionals;
      if (!input) bad(`Missing ${what}.`);
      if (extra.length > 0) bad(`Unexpected arguments: ${extra.join(' ')}`);
      return input!;
    },
    seconds(text, fallback) {
      const seconds = text === undefined ? fallback : Number(text);
      if (!(seconds > 0) || !Number.isFinite(seconds)) bad(`--seconds must be a number > 0, not "${text}".`);
      return seconds;
    },
  };
}

/** `--seed`: an integer is a number, anything else a string seed (as the app's seed field). */
export function seedOf(text: string): number | string {
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/**
 * Reads `input` as a document (anything `simulate` accepts), the import warnings going to
 * `warnings` as "file: message"; null, after saying why on stderr, when it cannot be read.
 */
export async function readDocument(input: string, warnings: string[] = []): Promise<TopologyDocument | null> {
  const loaded = await loadInput(input, (w) => warnings.push(`${w.file ? `${w.file}: ` : ''}${w.message}`));
  if (!loaded.ok) {
    process.stderr.write(`Cannot read ${input}:\n${formatErrors(loaded.errors)}\n`);
    return null;
  }
  return loaded.value;
}
