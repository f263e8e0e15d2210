/** Fixture files, fetched from the test server (the project root is served as is). */
import type { Json } from './module-doc.ts';

export async function fixtureText(path: string): Promise<string> {
  const response = await fetch(`/${path}`);
  if (!response.ok) throw new Error(`fixture ${path}: HTTP ${response.status}`);
  return response.text();
}

export async function fixtureJson<T = Json>(path: string): Promise<T> {
  return JSON.parse(await fixtureText(path)) as T;
}

export interface MalformedCase {
  readonly file: string;
  readonly stage: 'parse' | 'version' | 'schema' | 'semantic';
  readonly path: string;
  readonly message: string;
}
