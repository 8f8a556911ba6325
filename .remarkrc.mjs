// Checks the front matter of every initiative while you write, in VS Code
// (extension unifiedjs.vscode-remark, recommended in .vscode/) or with
// `npx remark content/initiatives`: the schema is the one `portfolj schema`
// derives from the model and taxonomy.yml, made afresh when the checker starts.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

const root = fileURLToPath(new URL(".", import.meta.url));
const schema = "node_modules/.cache/portfolj/initiativ.schema.json";
mkdirSync(`${root}node_modules/.cache/portfolj`, { recursive: true });
writeFileSync(`${root}${schema}`, execFileSync(`${root}scripts/portfolj`, ["schema"], { cwd: root, encoding: "utf8" }));

export default {
  plugins: [
    remarkFrontmatter,
    [remarkLintFrontmatterSchema, { schemas: { [`./${schema}`]: ["content/initiatives/**/*.md"] } }],
  ],
};
