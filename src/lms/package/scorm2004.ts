/**
 * imsmanifest.xml for SCORM 2004 4th Edition: one organization, one item, one SCO resource that
 * lists every file of the package. The item's primary objective is satisfied by measure: the LMS
 * compares `cmi.score.scaled` with `minNormalizedMeasure` (the pass mark over 100), which it also
 * hands to the player as `cmi.scaled_passing_score`.
 */
import type { PackageDescription } from './description.ts';
import { hrefOf, xmlDecimal, xmlId, xmlText } from './xml.ts';

/** What SCORM 2004 LMSs look for in `<schemaversion>` (Moodle: /^2004 (3rd|4th) Edition$/). */
export const SCORM2004_SCHEMA_VERSION = '2004 4th Edition';

/** The schema files SCORM 2004 4th Edition packages carry at their root. */
export const SCORM2004_SCHEMAS = [
  'adlcp_v1p3.xsd',
  'adlnav_v1p3.xsd',
  'adlseq_v1p3.xsd',
  'imscp_v1p1.xsd',
  'imsss_v1p0.xsd',
  'imsss_v1p0auxresource.xsd',
  'imsss_v1p0control.xsd',
  'imsss_v1p0delivery.xsd',
  'imsss_v1p0limit.xsd',
  'imsss_v1p0objective.xsd',
  'imsss_v1p0random.xsd',
  'imsss_v1p0rollup.xsd',
  'imsss_v1p0seqrule.xsd',
  'imsss_v1p0util.xsd',
  'xml.xsd',
] as const;

export function scorm2004Manifest(description: PackageDescription): string {
  const { id, version, title, passMark, launch, files } = description;
  const fileLines = files.map((path) => `      <file href="${xmlText(hrefOf(path))}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<manifest identifier="${xmlId('MANIFEST', id)}" version="${xmlText(version)}"`,
    '  xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"',
    '  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"',
    '  xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"',
    '  xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"',
    '  xmlns:imsss="http://www.imsglobal.org/xsd/imsss"',
    '  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '  xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd',
    '    http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd',
    '    http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd',
    '    http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd',
    '    http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">',
    '  <metadata>',
    '    <schema>ADL SCORM</schema>',
    `    <schemaversion>${SCORM2004_SCHEMA_VERSION}</schemaversion>`,
    '  </metadata>',
    `  <organizations default="${xmlId('ORG', id)}">`,
    `    <organization identifier="${xmlId('ORG', id)}">`,
    `      <title>${xmlText(title)}</title>`,
    `      <item identifier="${xmlId('ITEM', id)}" identifierref="${xmlId('RES', id)}" isvisible="true">`,
    `        <title>${xmlText(title)}</title>`,
    '        <imsss:sequencing>',
    '          <imsss:objectives>',
    `            <imsss:primaryObjective objectiveID="${xmlId('PASS', id)}" satisfiedByMeasure="true">`,
    `              <imsss:minNormalizedMeasure>${xmlDecimal(passMark / 100, 4)}</imsss:minNormalizedMeasure>`,
    '            </imsss:primaryObjective>',
    '          </imsss:objectives>',
    '        </imsss:sequencing>',
    '      </item>',
    '      <imsss:sequencing>',
    '        <imsss:controlMode choice="true" flow="true"/>',
    '      </imsss:sequencing>',
    '    </organization>',
    '  </organizations>',
    '  <resources>',
    `    <resource identifier="${xmlId('RES', id)}" type="webcontent" adlcp:scormType="sco" href="${xmlText(hrefOf(launch))}">`,
    ...fileLines,
    '    </resource>',
    '  </resources>',
    '</manifest>',
    '',
  ].join('\n');
}
