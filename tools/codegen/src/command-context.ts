/** What every command gets from the command line (cli.ts builds it; commands/* read it). */
export interface CommandContext {
  root: string;
  vendors: string[];
  check: boolean;
  verbose: boolean;
  lintWarnOnly?: boolean;
  log: (line: string) => void;
}
