// Checks the CDS Hooks JSON captured by the service's end-to-end test with the `cds-validator`
// npm package (cds-hooks/cds-validator 0.3.0, the project's own validator).
//
// cds-validator 0.3.0 encodes the 2016 pre-1.0 draft of CDS Hooks. Where CDS Hooks 2.0 changed
// the format, it reports differences that are correct 2.0; those are listed in TOLERATED, each
// with the 2.0 rule, and every other error fails. Usage: node validate-cds.js ARTIFACT_DIR
'use strict';
const fs = require('fs');
const path = require('path');
const validator = require('cds-validator');

const TOLERATED = [
  // 2.0 "Card Attributes": `uuid` OPTIONAL (needed for feedback); 0.3.0 has no uuid on cards.
  (e) => e.name === 'additionalProperties' && e.argument === 'uuid' && /^instance\.cards\[\d+\]$/.test(e.property),
  // 2.0: indicator is info | warning | critical; 0.3.0 has success | info | warning | hard-stop.
  (e) => e.name === 'enum' && e.instance === 'critical' && /^instance\.cards\[\d+\]\.indicator$/.test(e.property),
  // 2.0 "Link": `type` REQUIRED (absolute | smart); 0.3.0 links have label and url only.
  (e) => e.name === 'additionalProperties' && e.argument === 'type' && /^instance\.cards\[\d+\]\.links\[\d+\]$/.test(e.property),
  // 2.0 "Discovery": `title` (RECOMMENDED) replaced 0.3.0's required `name`; `usageRequirements` OPTIONAL.
  (e) => e.name === 'additionalProperties' && ['title', 'usageRequirements'].includes(e.argument) && /^instance\.services\[\d+\]$/.test(e.property),
  (e) => e.message === 'is required' && /^instance\.services\[\d+\]\.name$/.test(e.property),
];

async function check(kind, file) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    await validator[kind](text);
    return { file, tolerated: 0, errors: [] };
  } catch (errors) {
    const list = Array.isArray(errors) ? errors : [{ message: String(errors) }];
    const bad = list.filter((e) => !TOLERATED.some((t) => t(e)));
    return { file, tolerated: list.length - bad.length, errors: bad };
  }
}

(async () => {
  const dir = process.argv[2];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));
  const jobs = [];
  for (const f of files) {
    if (f === 'discovery.json') jobs.push(check('DiscoveryResponse', path.join(dir, f)));
    if (f.startsWith('response-')) jobs.push(check('Card', path.join(dir, f)));
  }
  if (jobs.length < 4) {
    console.error(`cds-validator: expected a discovery document and hook responses in ${dir}, found ${jobs.length}`);
    process.exit(1);
  }
  let failed = 0;
  for (const r of await Promise.all(jobs)) {
    const name = path.basename(r.file);
    if (r.errors.length) {
      failed += 1;
      console.error(`cds-validator: ${name}: ${r.errors.map((e) => `${e.property} ${e.message}`).join('; ')}`);
    } else {
      console.log(`cds-validator: ${name} valid (${r.tolerated} pre-1.0 schema differences tolerated)`);
    }
  }
  process.exit(failed ? 1 : 0);
})();
