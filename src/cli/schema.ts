/** `npm run schema`: writes modules/module.schema.json from the Valibot schema. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { moduleJsonSchemaText } from './json-schema.ts';

const target = fileURLToPath(new URL('../../modules/module.schema.json', import.meta.url));
writeFileSync(target, moduleJsonSchemaText());
console.log(`wrote ${target}`);
