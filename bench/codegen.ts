// Ordinary source code for the benchmarks: seeded, per-language line templates that read like the
// code in a real pull request. Nothing here is key-shaped; keys are planted by corpus.ts and
// speed.ts from the rules' own sample templates.
import { randomString } from '../src/scan/samples.js';

export type Rand = () => number;

const WORDS = (
  'user account order item price total count index value result data config client server request ' +
  'response handler service manager cache queue event message payload status error retry timeout ' +
  'session profile invoice customer product cart checkout report metric sample batch record entry ' +
  'node edge graph tree list map set key field column row table schema model view controller ' +
  'router route path query filter sort page limit offset cursor stream buffer chunk frame packet ' +
  'header body content format parser lexer symbol source target input output file folder image ' +
  'upload download build deploy release version tag branch commit author owner team member role ' +
  'permission policy rule engine worker job step schedule timer clock date time zone locale region'
).split(' ');

export function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export function int(rand: Rand, lo: number, hi: number): number {
  return lo + Math.floor(rand() * (hi - lo + 1));
}

const cap = (w: string) => w[0]!.toUpperCase() + w.slice(1);

function snake(rand: Rand): string {
  return rand() < 0.5 ? pick(rand, WORDS) : `${pick(rand, WORDS)}_${pick(rand, WORDS)}`;
}
function camel(rand: Rand): string {
  return rand() < 0.4 ? pick(rand, WORDS) : pick(rand, WORDS) + cap(pick(rand, WORDS));
}
function pascal(rand: Rand): string {
  return cap(pick(rand, WORDS)) + (rand() < 0.6 ? cap(pick(rand, WORDS)) : '');
}
function sentence(rand: Rand): string {
  const n = int(rand, 3, 9);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(rand, WORDS));
  return cap(words.join(' '));
}

/**
 * Fills a template: {id} snake_case, {iD} camelCase, {Id} PascalCase, {UP} UPPER_CASE, {n} number,
 * {w} word, {t} short sentence, {p} url path, {h7} short hex (a git abbrev).
 */
export function fill(template: string, rand: Rand): string {
  return template.replace(/\{(id|iD|Id|UP|n|w|t|p|h7)\}/g, (_m, k: string) => {
    switch (k) {
      case 'id':
        return snake(rand);
      case 'iD':
        return camel(rand);
      case 'Id':
        return pascal(rand);
      case 'UP':
        return snake(rand).toUpperCase();
      case 'n':
        return String(int(rand, 0, rand() < 0.8 ? 100 : 65535));
      case 'w':
        return pick(rand, WORDS);
      case 't':
        return sentence(rand);
      case 'p':
        return `/${pick(rand, WORDS)}/${pick(rand, WORDS)}`;
      default:
        return randomString(rand, '0123456789abcdef', 7);
    }
  });
}

/** Line templates per language; a leading run of spaces is kept as indentation. */
export const LANGUAGE_LINES: Record<string, readonly string[]> = {
  python: [
    'import {id}',
    'from {id}.{id} import {Id}, {id}',
    'def {id}(self, {id}, {id}=None):',
    '    """{t}."""',
    '    {id} = self.{id}.get({id}, {n})',
    '    if not {id}:',
    '        raise {Id}Error(f"{t}: {{{id}}}")',
    '    for {id} in {id}:',
    '        {id}.append({id}.{id}({id}, timeout={n}))',
    '    return {Id}({id}={id}, {id}={id})',
    'class {Id}({Id}):',
    '    {id}: int = {n}',
    '    logger.info("{t} %s", {id})',
    '    with open({id}_path, "r", encoding="utf-8") as fh:',
    '        {id} = json.load(fh)',
    '    {id} = [{id} for {id} in {id} if {id}.{id} > {n}]',
    '    response = requests.get(f"{{BASE_URL}}{p}", params={"{id}": {id}}, timeout={n})',
    '    token = request.headers.get("Authorization", "")',
    '@pytest.mark.parametrize("{id}", [{n}, {n}, {n}])',
    '    assert {id}.{id} == {n}, "{t}"',
    '',
  ],
  javascript: [
    "import { {iD}, {iD} } from './{iD}.js';",
    "const {iD} = require('{w}');",
    'export async function {iD}({iD}, options = {}) {',
    '  const {iD} = await fetch(`${baseUrl}{p}?limit=${{iD}}`, { headers });',
    '  if (!{iD}.ok) throw new Error(`{t}: ${{iD}.status}`);',
    '  return {iD}.map(({iD}) => ({ ...{iD}, {iD}: {iD}.{iD} + {n} }));',
    '}',
    '  for (const {iD} of {iD}) {',
    '    {iD}.push({iD}.{iD}({iD}, {n}));',
    '  }',
    "  console.log('{t}', {iD});",
    'const {iD} = useMemo(() => {iD}.filter(Boolean), [{iD}]);',
    "  headers['Authorization'] = `Bearer ${token}`;",
    '  return <{Id} {iD}={{iD}} onClick={() => set{Id}({n})} />;',
    "describe('{t}', () => {",
    "  it('{t}', async () => {",
    '    expect(await {iD}({n})).toEqual({ {iD}: {n} });',
    '  });',
    'module.exports = { {iD}, {iD} };',
    '',
  ],
  typescript: [
    "import type { {Id}, {Id} } from '../{iD}/{iD}.js';",
    'export interface {Id} {',
    '  {iD}: string;',
    '  {iD}?: number | null;',
    '  readonly {iD}: {Id}[];',
    '}',
    'export class {Id}Service {',
    '  constructor(private readonly {iD}: {Id}, private readonly logger: Logger) {}',
    '  async {iD}({iD}: string, {iD} = {n}): Promise<{Id}> {',
    '    const {iD} = await this.{iD}.get<{Id}>(`{p}/${{iD}}`);',
    '    return { ...{iD}, {iD}: {iD}.length > {n} };',
    '  }',
    '}',
    'type {Id} = Record<string, {Id} | undefined>;',
    "export const {iD}: {Id} = { {iD}: '{w}', {iD}: {n} };",
    '  private readonly token = process.env.{UP} ?? "";',
    '',
  ],
  go: [
    'package {w}',
    'import (',
    '\t"context"',
    '\t"fmt"',
    ')',
    'func ({w} *{Id}) {Id}(ctx context.Context, {iD} string) (*{Id}, error) {',
    '\t{iD}, err := {w}.{iD}.Get{Id}(ctx, {iD})',
    '\tif err != nil {',
    '\t\treturn nil, fmt.Errorf("{t}: %w", err)',
    '\t}',
    '\tfor _, {iD} := range {iD} {',
    '\t\t{iD} = append({iD}, {iD}.{Id})',
    '\treturn &{Id}{{Id}: {iD}, {Id}: {n}}, nil',
    '}',
    'type {Id} struct {',
    '\t{Id} string `json:"{id}"`',
    '\t{Id} int    `json:"{id},omitempty"`',
    '',
  ],
  java: [
    'package com.{w}.{w};',
    'import java.util.{Id};',
    'public class {Id}Service {',
    '    private final {Id}Repository {iD}Repository;',
    '    public {Id} {iD}(String {iD}, int {iD}) {',
    '        {Id} {iD} = {iD}Repository.findBy{Id}({iD}).orElseThrow(() -> new {Id}Exception("{t}"));',
    '        log.info("{t} {}", {iD});',
    '        return {iD}.stream().filter(x -> x.get{Id}() > {n}).collect(Collectors.toList());',
    '    }',
    '    @Override',
    '    public String toString() { return "{Id}{" + {iD} + "}"; }',
    '}',
    '',
  ],
  ruby: [
    "require '{w}'",
    'class {Id} < ApplicationRecord',
    '  has_many :{id}s, dependent: :destroy',
    '  def {id}({id}, {id}: {n})',
    '    @{id} ||= {Id}.where({id}: {id}).order(:{id}).limit({n})',
    "    raise ArgumentError, '{t}' if {id}.nil?",
    '  end',
    'end',
    '',
  ],
  php: [
    '<?php',
    'namespace App\\{Id};',
    'use App\\{Id}\\{Id};',
    'final class {Id}Controller extends Controller',
    '{',
    '    public function {iD}(Request $request, int ${iD} = {n}): JsonResponse',
    '    {',
    "        ${iD} = $this->{iD}->find($request->input('{id}'));",
    "        return response()->json(['{id}' => ${iD}, '{id}' => {n}]);",
    '    }',
    '}',
    '',
  ],
  csharp: [
    'using System.{Id};',
    'namespace {Id}.{Id};',
    'public sealed class {Id}Service : I{Id}Service',
    '{',
    '    private readonly ILogger<{Id}Service> _logger;',
    '    public async Task<{Id}> {Id}Async(string {iD}, CancellationToken ct = default)',
    '    {',
    '        var {iD} = await _{iD}.Get{Id}Async({iD}, ct).ConfigureAwait(false);',
    '        _logger.LogInformation("{t} {{Id}}", {iD});',
    '        return new {Id} { {Id} = {iD}, {Id} = {n} };',
    '    }',
    '}',
    '',
  ],
  yaml: [
    '{id}:',
    '  {id}: {w}',
    '  {id}: {n}',
    '  - name: {t}',
    '    run: npm run {w}',
    '    uses: actions/{w}@v4',
    '    with:',
    '      {id}: ${{ matrix.{id} }}',
    '  image: ghcr.io/{w}/{w}:1.{n}.0',
    '  ports:',
    '    - "{n}:{n}"',
    '  env:',
    '    NODE_ENV: production',
    '',
  ],
  json: [
    '{',
    '  "{iD}": "{w}",',
    '  "{iD}": {n},',
    '  "{iD}": true,',
    '  "{iD}": ["{w}", "{w}"],',
    '  "{iD}": { "{iD}": "{t}" },',
    '  "version": "1.{n}.0",',
    '},',
    '}',
  ],
  markdown: [
    '# {t}',
    '## {t}',
    '{t}. {t}.',
    '- {t}',
    '1. Run `npm run {w}` to {t}.',
    '| {w} | {w} | {n} |',
    'See [{w}](https://docs.{w}.com{p}) for details.',
    '',
  ],
  shell: [
    '#!/usr/bin/env bash',
    'set -euo pipefail',
    '{UP}="${{UP}:-{w}}"',
    'if [[ -z "${{UP}}" ]]; then',
    '  echo "{t}" >&2',
    '  exit 1',
    'fi',
    'for {id} in "${{id}[@]}"; do',
    '  {w} --{w} "${id}" > "/tmp/{w}.log"',
    'done',
    'curl -fsSL "https://{w}.example.org{p}" -o "{id}.tar.gz"',
    '',
  ],
  terraform: [
    'resource "aws_{id}" "{id}" {',
    '  name   = "{w}-${var.environment}"',
    '  {id} = {n}',
    '  tags = {',
    '    Team = "{w}"',
    '  }',
    '}',
    'variable "{id}" {',
    '  type    = string',
    '  default = "{w}"',
    '}',
    '',
  ],
  dotenv: ['{UP}={w}', '{UP}={n}', '# {t}', '{UP}=https://{w}.internal:{n}{p}', 'LOG_LEVEL=info', ''],
  properties: ['{w}.{w}.{w}={w}', '{w}.{w}.timeout={n}', '# {t}', 'spring.{w}.{w}=${{UP}:{w}}', ''],
  ini: ['[{w}]', '{id} = {w}', '{id} = {n}', '; {t}', ''],
  xml: [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<{iD} {iD}="{w}">',
    '  <{iD}>{w}</{iD}>',
    '  <{iD} {iD}="{n}" {iD}="{w}"/>',
    '  <!-- {t} -->',
    '</{iD}>',
    '',
  ],
  dockerfile: [
    'FROM node:20-alpine AS {w}',
    'WORKDIR /app',
    'COPY package*.json ./',
    'RUN npm ci --omit=dev && npm cache clean --force',
    'COPY . .',
    'EXPOSE {n}',
    'ENV NODE_ENV=production',
    'CMD ["node", "dist/{w}.js"]',
    '',
  ],
  toml: ['[{id}]', '{id} = "{w}"', '{id} = {n}', '{id} = ["{w}", "{w}"]', ''],
  rust: [
    'use std::{id}::{Id};',
    'pub fn {id}(&self, {id}: &str) -> Result<{Id}, {Id}Error> {',
    '    let {id} = self.{id}.get({id}).ok_or({Id}Error::NotFound)?;',
    '    Ok({Id} { {id}, {id}: {n} })',
    '}',
    '',
  ],
  css: ['.{iD}-{w} {', '  display: flex;', '  margin: {n}px {n}px;', '  color: #{h7};', '}', ''],
  sql: [
    'SELECT {id}, {id} FROM {id} WHERE {id} = ${n} ORDER BY {id} LIMIT {n};',
    'CREATE INDEX idx_{id} ON {id} ({id});',
    "ALTER TABLE {id} ADD COLUMN {id} TEXT NOT NULL DEFAULT '{w}';",
    '',
  ],
};

/** Produces `count` lines of a language, keeping consecutive template order loosely. */
export function codeLines(language: string, count: number, rand: Rand): string[] {
  const lines = LANGUAGE_LINES[language] ?? LANGUAGE_LINES.python!;
  const out: string[] = [];
  let i = int(rand, 0, lines.length - 1);
  for (let k = 0; k < count; k++) {
    // Mostly walk the templates in order (reads like code), sometimes jump.
    i = rand() < 0.7 ? (i + 1) % lines.length : int(rand, 0, lines.length - 1);
    out.push(fill(lines[i]!, rand));
  }
  return out;
}

/** A minified JavaScript line of about `length` characters. */
export function minifiedLine(length: number, rand: Rand): string {
  const parts = [
    'function({a},{b}){return {a}.{iD}({b})}',
    'var {a}={b}.{iD}||{};',
    '{a}.prototype.{iD}=function(){var {a}=this;return {a}.{iD}.map(function({b}){return {b}*{n}})};',
    'if(!{a})throw new Error("{t}");',
    '"{w}"===typeof {a}&&({a}={b}.{iD}({n}));',
    'Object.defineProperty({a},"{iD}",{enumerable:!0,get:function(){return {b}}});',
    'for(var {a}=0;{a}<{b}.length;{a}++){b}[{a}]={n};',
  ];
  let out = '';
  while (out.length < length) {
    const a = String.fromCharCode(97 + int(rand, 0, 25));
    const b = String.fromCharCode(97 + int(rand, 0, 25));
    out += fill(pick(rand, parts).replace(/\{a\}/g, a).replace(/\{b\}/g, b), rand);
  }
  return out;
}
