// The floor for an end-to-end run: the least a script can do to copy a query's records to a file. It
// pages the query with jsforce (query, then queryMore until done) and writes each raw record as one
// JSON line. Arguments: instance URL, access token, SOQL, output file. Prints the record count.
'use strict';
const fs = require('node:fs');
const { Connection } = require('jsforce');

async function main() {
  const [instanceUrl, accessToken, soql, outputFile] = process.argv.slice(2);
  const connection = new Connection({ instanceUrl, accessToken, version: '62.0' });
  const out = fs.createWriteStream(outputFile);
  let records = 0;
  let result = await connection.query(soql, { autoFetch: false });
  for (;;) {
    let chunk = '';
    for (const record of result.records) chunk += `${JSON.stringify(record)}\n`;
    records += result.records.length;
    if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
    if (result.done || !result.nextRecordsUrl) break;
    result = await connection.queryMore(result.nextRecordsUrl);
  }
  await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
  process.stdout.write(`${records}\n`);
}

main().catch((error) => {
  process.stderr.write(`floor: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
