'use strict';
// A minimal Lambda Runtime API loop (2018-06-01) for the seed's handler: what the
// nodejs runtime does, minus everything the cold-start comparison does not need.
// AWS SDK v2 reads no endpoint variable, so DYNAMODB_ENDPOINT is applied to the global
// config here, before the handler is required (its `new AWS.DynamoDB()` runs at require).
const http = require('http');

const AWS = require('aws-sdk');
if (process.env.DYNAMODB_ENDPOINT) {
  AWS.config.update({ endpoint: process.env.DYNAMODB_ENDPOINT });
}
const { handler } = require('./index.js');

const [host, port] = (process.env.AWS_LAMBDA_RUNTIME_API || '').split(':');
if (!host || !port) {
  console.error('AWS_LAMBDA_RUNTIME_API must be host:port');
  process.exit(1);
}
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const base = '/2018-06-01/runtime/invocation/';

function request(method, path, body, headers) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host, port, method, path, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function post(path, document, errorType) {
  const body = JSON.stringify(document);
  const headers = { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) };
  if (errorType) {
    headers['Lambda-Runtime-Function-Error-Type'] = errorType;
  }
  return request('POST', path, body, headers);
}

async function loop() {
  for (;;) {
    const next = await request('GET', base + 'next');
    if (next.status !== 200) {
      console.error(`next answered HTTP ${next.status}`);
      process.exit(1);
    }
    const id = next.headers['lambda-runtime-aws-request-id'];
    const context = { awsRequestId: id, getRemainingTimeInMillis: () => Number(next.headers['lambda-runtime-deadline-ms']) - Date.now() };
    const outcome = await new Promise((resolve) => {
      try {
        handler(JSON.parse(next.body.toString('utf8')), context, (err, result) => resolve({ err, result }));
      } catch (err) {
        resolve({ err });
      }
    });
    if (outcome.err) {
      const err = outcome.err;
      await post(base + id + '/error', { errorType: err.name || 'Error', errorMessage: String(err.message || err) }, 'Function.' + (err.name || 'Error'));
    } else {
      await post(base + id + '/response', outcome.result);
    }
  }
}

loop().catch((err) => {
  console.error(err);
  process.exit(1);
});
