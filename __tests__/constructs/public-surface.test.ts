import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const CONSTRUCTS_DIR = path.resolve(__dirname, "..", "..", "constructs");

const sourceFile = (name: string, text: string) => ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);

function sourceFiles(): ts.SourceFile[] {
  return readdirSync(CONSTRUCTS_DIR)
    .filter((file) => file.endsWith(".ts"))
    .map((file) => sourceFile(file, readFileSync(path.join(CONSTRUCTS_DIR, file), "utf8")));
}

const isExported = (node: ts.Node) =>
  ts.getModifiers(node as ts.HasModifiers)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;

/** `file: Interface.prop` for every optional member of an exported `…Props` interface whose doc has no @default. */
function optionalPropsWithoutDefault(files: readonly ts.SourceFile[]): string[] {
  return files.flatMap((file) =>
    file.statements
      .filter((statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && isExported(statement))
      .filter((declaration) => declaration.name.text.endsWith("Props"))
      .flatMap((declaration) =>
        declaration.members
          .filter((member) => member.questionToken !== undefined)
          .filter((member) => !ts.getJSDocTags(member).some((tag) => tag.tagName.text === "default"))
          .map((member) => `${file.fileName}: ${declaration.name.text}.${member.name?.getText(file)}`),
      ),
  );
}

/** Names a file imports from the generated provider bindings. */
function bindingNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  for (const statement of file.statements) {
    if (!ts.isImportDeclaration(statement) || !(statement.moduleSpecifier as ts.StringLiteral).text.includes("/.gen/")) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
  }
  return names;
}

/** `file: Class.member` for every public property of an exported class typed with (or holding) a provider binding. */
function publicProviderObjects(files: readonly ts.SourceFile[]): string[] {
  return files.flatMap((file) => {
    const bindings = bindingNames(file);
    return file.statements
      .filter((statement): statement is ts.ClassDeclaration => ts.isClassDeclaration(statement) && isExported(statement))
      .flatMap((declaration) =>
        declaration.members
          .filter(ts.isPropertyDeclaration)
          .filter(
            (member) =>
              !ts.getModifiers(member)?.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword),
          )
          .filter((member) => {
            const typeText = member.type?.getText(file) ?? "";
            const initializer = member.initializer?.getText(file) ?? "";
            return [...bindings].some((name) => new RegExp(`\\b${name}\\b`).test(`${typeText} ${initializer}`));
          })
          .map((member) => `${file.fileName}: ${declaration.name?.text}.${member.name.getText(file)}`),
      );
  });
}

describe("the constructs' public surface (issue 9: constructs as the anchors write them)", () => {
  const files = sourceFiles();

  it("GIVEN the construct files THEN there are props interfaces to check", () => {
    expect(files.flatMap((file) => file.statements.filter(ts.isInterfaceDeclaration)).length).toBeGreaterThan(3);
  });

  it("GIVEN every exported props interface THEN each optional prop documents its @default", () => {
    expect(optionalPropsWithoutDefault(files)).toEqual([]);
  });

  it("GIVEN a props interface with an undocumented optional prop THEN the check names it", () => {
    const file = sourceFile(
      "x.ts",
      "export interface XProps {\n  /** Documented. @default 1 */\n  readonly a?: number;\n  /** Not. */\n  readonly b?: number;\n  readonly c: number;\n}",
    );
    expect(optionalPropsWithoutDefault([file])).toEqual(["x.ts: XProps.b"]);
  });

  it("GIVEN every exported construct THEN no public property is a provider object (typed attributes instead)", () => {
    expect(publicProviderObjects(files)).toEqual([]);
  });

  it("GIVEN a construct exposing a provider object THEN the check names it", () => {
    const file = sourceFile(
      "y.ts",
      'import { DataTable } from "../.gen/providers/genesyscloud/architect-datatable";\nexport class Y {\n  readonly table: DataTable;\n  readonly tableId: string;\n  private inner: DataTable;\n}',
    );
    expect(publicProviderObjects([file])).toEqual(["y.ts: Y.table"]);
  });
});
