/**
 * One module as a zip an LMS imports (SCORM 1.2, SCORM 2004 4th Edition, cmi5) or any static
 * host serves (web). Pure: files come in as bytes, the zip goes out as bytes, and the same input
 * always gives the same bytes.
 *
 * Layout, at the zip's root: the launch page (index.html), the engine (checkpoint.js and the
 * chunks it loads), the module's folder (module.json and the media it uses), and per format the
 * manifest (imsmanifest.xml with its schemas, or cmi5.xml).
 */
import type { Module } from '../../content/schema.ts';
import { cmi5CourseStructure, defaultCourseIri } from './cmi5.ts';
import type { PackageDescription } from './description.ts';
import { launchPage, type LaunchLms } from './launch-page.ts';
import { SCORM12_SCHEMAS, scorm12Manifest } from './scorm12.ts';
import { SCORM2004_SCHEMAS, scorm2004Manifest } from './scorm2004.ts';
import { zipFiles, type PackageFiles } from './zip.ts';

export type { PackageFiles } from './zip.ts';

export const PACKAGE_FORMATS = ['scorm12', 'scorm2004', 'cmi5', 'web'] as const;
export type PackageFormat = (typeof PACKAGE_FORMATS)[number];

export const LAUNCH_PAGE = 'index.html';
export const ENGINE_ENTRY = 'checkpoint.js';
export const MODULE_FILE = 'module.json';

/** The schema files a format ships beside its manifest (none for cmi5 and web). */
export function schemaFilesFor(format: PackageFormat): readonly string[] {
  if (format === 'scorm12') return SCORM12_SCHEMAS;
  if (format === 'scorm2004') return SCORM2004_SCHEMAS;
  return [];
}

/** The manifest a format puts at the zip's root, if any. */
export function manifestFileFor(format: PackageFormat): string | undefined {
  if (format === 'scorm12' || format === 'scorm2004') return 'imsmanifest.xml';
  if (format === 'cmi5') return 'cmi5.xml';
  return undefined;
}

export interface PackageInput {
  readonly format: PackageFormat;
  /** The validated module. */
  readonly module: Module;
  /** module.json (as the author wrote it) and the media it uses, by path in the module's folder. */
  readonly moduleFiles: PackageFiles;
  /** checkpoint.js and the chunks it imports, by path relative to checkpoint.js. */
  readonly engineFiles: PackageFiles;
  /** The format's schema files by name (see `schemaFilesFor`). */
  readonly schemaFiles: PackageFiles;
  /** cmi5 only: the course's IRI; by default a URN made from the module's id. */
  readonly courseIri?: string | undefined;
}

export interface BuiltPackage {
  readonly zip: Uint8Array;
  /** Every path in the zip, sorted. */
  readonly paths: readonly string[];
}

const LMS_OF: Record<PackageFormat, LaunchLms> = {
  scorm12: 'scorm12',
  scorm2004: 'scorm2004',
  cmi5: 'cmi5',
  web: 'auto',
};

function addAll(target: Map<string, Uint8Array>, files: PackageFiles, what: string): void {
  for (const [path, data] of files) {
    if (target.has(path))
      throw new Error(`${what} "${path}" has the name of a file the package needs for itself`);
    target.set(path, data);
  }
}

function manifestFor(input: PackageInput, description: PackageDescription): string {
  switch (input.format) {
    case 'scorm12':
      return scorm12Manifest(description);
    case 'scorm2004':
      return scorm2004Manifest(description);
    case 'cmi5':
      return cmi5CourseStructure(description, {
        courseIri: input.courseIri ?? defaultCourseIri(input.module.id),
      });
    case 'web':
      return '';
  }
}

export function buildPackage(input: PackageInput): BuiltPackage {
  const { format, module } = input;
  if (!input.moduleFiles.has(MODULE_FILE))
    throw new Error(`the module's ${MODULE_FILE} is missing`);
  if (!input.engineFiles.has(ENGINE_ENTRY))
    throw new Error(`the engine's ${ENGINE_ENTRY} is missing`);
  const encoder = new TextEncoder();
  const content = new Map<string, Uint8Array>();
  content.set(
    LAUNCH_PAGE,
    encoder.encode(
      launchPage({
        language: module.language,
        title: module.title,
        script: ENGINE_ENTRY,
        module: MODULE_FILE,
        lms: LMS_OF[format],
      }),
    ),
  );
  addAll(content, input.engineFiles, 'the engine file');
  addAll(content, input.moduleFiles, 'the module file');

  const control = new Map<string, Uint8Array>();
  const manifest = manifestFileFor(format);
  for (const name of schemaFilesFor(format)) {
    const data = input.schemaFiles.get(name);
    if (!data) throw new Error(`the schema file ${name} is missing`);
    control.set(name, data);
  }
  if (manifest) {
    const description: PackageDescription = {
      id: module.id,
      version: module.version,
      language: module.language,
      title: module.title,
      summary: module.summary,
      passMark: module.assessment.passMark,
      launch: LAUNCH_PAGE,
      files: [...content.keys()].sort(),
    };
    control.set(manifest, encoder.encode(manifestFor(input, description)));
  }
  const all = new Map(content);
  addAll(all, control, 'the module file');
  return { zip: zipFiles(all), paths: [...all.keys()].sort() };
}
