/**
 * imsmanifest.xml for SCORM 1.2: one organization, one item, one SCO resource that lists every
 * file of the package. The LMS reads the pass mark from `adlcp:masteryscore` (0–100) and hands
 * it to the player as `cmi.student_data.mastery_score`.
 */
import type { PackageDescription } from './description.ts';
import { clipText, hrefOf, xmlDecimal, xmlId, xmlText } from './xml.ts';

/** What SCORM 1.2 LMSs look for in `<schemaversion>` (Moodle: /^(1\.2)$/). */
export const SCORM12_SCHEMA_VERSION = '1.2';

/** The schema files SCORM 1.2 packages carry at their root, which the manifest points at. */
export const SCORM12_SCHEMAS = [
  'adlcp_rootv1p2.xsd',
  'ims_xml.xsd',
  'imscp_rootv1p1p2.xsd',
  'imsmd_rootv1p2p1.xsd',
] as const;

/** The longest title and version the SCORM 1.2 content packaging schema allows. */
const TITLE_MAX = 200;
const VERSION_MAX = 20;

export function scorm12Manifest(description: PackageDescription): string {
  const { id, passMark, launch, files } = description;
  const title = clipText(description.title, TITLE_MAX);
  const version = clipText(description.version, VERSION_MAX);
  const fileLines = files.map((path) => `      <file href="${xmlText(hrefOf(path))}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${xmlId('MANIFEST', id)}" version="${xmlText(version)}"`,
    '  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"',
    '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"',
    '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd',
    '    http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd',
    '    http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">',
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    `    <schemaversion>${SCORM12_SCHEMA_VERSION}</schemaversion>`,
    '  </metadata>',
    `  <organizations default="${xmlId('ORG', id)}">`,
    `    <organization identifier="${xmlId('ORG', id)}">`,
    `      <title>${xmlText(title)}</title>`,
    `      <item identifier="${xmlId('ITEM', id)}" identifierref="${xmlId('RES', id)}" isvisible="true">`,
    `        <title>${xmlText(title)}</title>`,
    `        <adlcp:masteryscore>${xmlDecimal(passMark, 2)}</adlcp:masteryscore>`,
    '      </item>',
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    `    <resource identifier="${xmlId('RES', id)}" type="webcontent" adlcp:scormtype="sco" href="${xmlText(hrefOf(launch))}">`,
    ...fileLines,
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}
