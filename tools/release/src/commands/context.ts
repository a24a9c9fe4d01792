export interface ReleaseContext {
  root: string;
  /** The vendors named on the command line; empty for all. */
  vendors: string[];
  verbose: boolean;
  log: (line: string) => void;
}
