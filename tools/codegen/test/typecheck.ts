/**
 * `tsc -p <tsconfig>` (with noEmit) for the files of the checked project, through the compiler API in the test's own
 * process: the same program, and the diagnostics tsc reports about the project's files (the config file's, the
 * options', global ones, and every project file's syntactic and semantic ones), formatted as tsc prints them.
 * Not checked: the bodies of files outside the project folder (TypeScript's libs and @types, skipped by the generated
 * packages' skipLibCheck anyway, and the workspace packages' sources the paths map to, which their own typecheck
 * tasks check under their own, stricter settings); what the project uses of them is checked where it is used.
 * A tsc process per check parsed and checked all of that anew each time (~3.7 s of CPU); here a source file outside
 * the project is parsed once per test worker and shared by the later programs with the same parse settings, as an
 * editor's language service shares them. The project's own files are read fresh, and each program has its own checker.
 */
import { dirname } from "node:path";
import ts from "typescript";

/** Options that name places, not how a file is parsed or bound. */
const PLACES = new Set(["configFilePath", "pathsBasePath", "paths", "baseUrl", "typeRoots", "rootDir", "outDir", "noEmit"]);
const shared = new Map<string, ts.SourceFile>();

export interface TypecheckResult {
  /** What tsc would print about the project's files: "" when they are clean. */
  output: string;
  /** tsc's exit code for them: 0 without diagnostics, 2 (errors, outputs skipped) with them. */
  status: number;
}

export function typecheck(tsconfig: string): TypecheckResult {
  const project = dirname(tsconfig);
  const configErrors: ts.Diagnostic[] = [];
  const parsed = ts.getParsedCommandLineOfConfigFile(
    tsconfig,
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => configErrors.push(d),
    },
  );
  const formatHost: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => project,
    getNewLine: () => "\n",
  };
  if (!parsed) return { output: ts.formatDiagnostics(configErrors, formatHost), status: 1 };
  const settings = JSON.stringify(Object.entries(parsed.options).filter(([key]) => !PLACES.has(key)));
  const host = ts.createCompilerHost(parsed.options);
  const read = host.getSourceFile;
  host.getSourceFile = (fileName, language, onError, create) => {
    if (fileName.startsWith(`${project}/`)) return read.call(host, fileName, language, onError, create);
    const key = `${fileName}\n${JSON.stringify(language)}\n${settings}`;
    let file = shared.get(key);
    if (!file) {
      file = read.call(host, fileName, language, onError, create);
      if (file) shared.set(key, file);
    }
    return file;
  };
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host, configFileParsingDiagnostics: parsed.errors });
  const own = program.getSourceFiles().filter((file) => file.fileName.startsWith(`${project}/`));
  const diagnostics = [
    ...configErrors,
    ...program.getConfigFileParsingDiagnostics(),
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...own.flatMap((file) => [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]),
  ];
  return { output: ts.formatDiagnostics(diagnostics, formatHost), status: diagnostics.length ? 2 : 0 };
}
