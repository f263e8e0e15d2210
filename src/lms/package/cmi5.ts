/**
 * cmi5.xml, the course structure a cmi5 LMS imports: one course and one assignable unit (AU)
 * launched from the package's page. The AU moves on when completed and passed; its mastery
 * score (the pass mark over 100) reaches the player in the LMS launch data.
 */
import type { PackageDescription } from './description.ts';
import { hrefOf, xmlDecimal, xmlText } from './xml.ts';

export const CMI5_NAMESPACE = 'https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd';

export interface Cmi5Options {
  /**
   * The course's IRI, globally unique and stable across versions of the module; the AU's id is
   * derived from it. An LMS reports statements about the AU under this id.
   */
  readonly courseIri: string;
}

/** The default course IRI for a module when the administrator gives none. */
export function defaultCourseIri(moduleId: string): string {
  return `urn:checkpoint:module:${encodeURIComponent(moduleId)}`;
}

/** The AU's IRI, derived from the course's. */
export function auIri(courseIri: string): string {
  const separator = courseIri.startsWith('urn:') ? ':' : courseIri.endsWith('/') ? '' : '/';
  return `${courseIri}${separator}au`;
}

/** A course IRI must be an absolute IRI (scheme, then no spaces or characters XML cannot hold). */
export function isCourseIri(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]+$/.test(value);
}

export function cmi5CourseStructure(description: PackageDescription, options: Cmi5Options): string {
  const { language, title, summary, passMark, launch } = description;
  if (!isCourseIri(options.courseIri))
    throw new TypeError(`the course IRI "${options.courseIri}" is not an absolute IRI`);
  const lang = xmlText(language);
  const text = (value: string) => `<langstring lang="${lang}">${xmlText(value)}</langstring>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<courseStructure xmlns="${CMI5_NAMESPACE}">`,
    `  <course id="${xmlText(options.courseIri)}">`,
    `    <title>${text(title)}</title>`,
    `    <description>${text(summary)}</description>`,
    '  </course>',
    `  <au id="${xmlText(auIri(options.courseIri))}" moveOn="CompletedAndPassed" masteryScore="${xmlDecimal(passMark / 100, 4)}" launchMethod="AnyWindow">`,
    `    <title>${text(title)}</title>`,
    `    <description>${text(summary)}</description>`,
    `    <url>${xmlText(hrefOf(launch))}</url>`,
    '  </au>',
    '</courseStructure>',
    '',
  ].join('\n');
}
