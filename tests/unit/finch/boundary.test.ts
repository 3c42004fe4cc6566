import { readdirSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Finch's SDK types stop at lib/finch: nothing a lib/finch module exports — a type, an
 * interface, a function's result, a constant — may be or contain a type declared in
 * `@tryfinch/finch-api`. (ESLint keeps the SDK's imports out of other folders; this keeps its
 * types from leaking through lib/finch's own exports, e.g. `export type FinchCompany = Company`.)
 * The one exception is the SDK client itself, handed out by lib/finch/client.ts for lib/finch and
 * for tests.
 */

const ROOT = process.cwd();
const FINCH_DIR = path.join(ROOT, "lib/finch");
const ALLOWED = new Set(["client.ts:finchForApp", "client.ts:finchForConnection"]);

function isSdkDeclaration(declaration: ts.Declaration): boolean {
  return declaration.getSourceFile().fileName.includes("/@tryfinch/finch-api/");
}

function isLibraryDeclaration(declaration: ts.Declaration): boolean {
  return declaration.getSourceFile().fileName.includes("/node_modules/");
}

/** A description of the first SDK type reachable from `type`, or null. */
function sdkTypeIn(checker: ts.TypeChecker, root: ts.Type): string | null {
  const seen = new Set<ts.Type>();
  const visit = (type: ts.Type, where: string): string | null => {
    if (seen.has(type)) return null;
    seen.add(type);
    const declarations = [
      ...(type.aliasSymbol?.declarations ?? []),
      ...(type.getSymbol()?.declarations ?? []),
    ];
    if (declarations.some(isSdkDeclaration)) return `${where}: ${checker.typeToString(type)}`;
    for (const arg of type.aliasTypeArguments ?? []) {
      const found = visit(arg, where);
      if (found) return found;
    }
    if (type.isUnionOrIntersection()) {
      for (const member of type.types) {
        const found = visit(member, where);
        if (found) return found;
      }
    }
    if (type.flags & ts.TypeFlags.Object) {
      const object = type as ts.ObjectType;
      if (object.objectFlags & ts.ObjectFlags.Reference) {
        for (const arg of checker.getTypeArguments(type as ts.TypeReference)) {
          const found = visit(arg, where);
          if (found) return found;
        }
      }
      // Library types (Promise, Date, Map…) are reached through their arguments only.
      if (declarations.length && declarations.every(isLibraryDeclaration)) return null;
      for (const property of checker.getPropertiesOfType(type)) {
        const declaration = property.valueDeclaration ?? property.declarations?.[0];
        if (!declaration) continue;
        const found = visit(
          checker.getTypeOfSymbolAtLocation(property, declaration),
          `${where}.${property.name}`,
        );
        if (found) return found;
      }
      for (const signature of type.getCallSignatures()) {
        const found = visit(signature.getReturnType(), `${where}()`);
        if (found) return found;
      }
    }
    return null;
  };
  return visit(root, "");
}

function finchProgram(): { program: ts.Program; files: string[] } {
  const configFile = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const files = readdirSync(FINCH_DIR)
    .filter((name) => name.endsWith(".ts"))
    .map((name) => path.join(FINCH_DIR, name));
  return { program: ts.createProgram(files, { ...parsed.options, noEmit: true }), files };
}

function exportedLeaks(): string[] {
  const { program, files } = finchProgram();
  const checker = program.getTypeChecker();
  const leaks: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file)!;
    const moduleSymbol = checker.getSymbolAtLocation(source);
    if (!moduleSymbol) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const name = `${path.basename(file)}:${exported.name}`;
      if (ALLOWED.has(name)) continue;
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      if (declarations.some(isSdkDeclaration)) {
        leaks.push(`${name} is the SDK's ${symbol.name}`);
        continue;
      }
      const types: ts.Type[] = [];
      if (symbol.flags & (ts.SymbolFlags.TypeAlias | ts.SymbolFlags.Interface)) {
        types.push(checker.getDeclaredTypeOfSymbol(symbol));
      }
      if (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable)) {
        types.push(checker.getTypeOfSymbolAtLocation(symbol, declarations[0]));
      }
      for (const type of types) {
        const found = sdkTypeIn(checker, type);
        if (found) leaks.push(`${name}${found}`);
      }
    }
  }
  return leaks;
}

describe("the Finch boundary", () => {
  it("exports no SDK type from lib/finch, directly or inside a Perch type", () => {
    expect(exportedLeaks()).toEqual([]);
  }, 60_000);
});
