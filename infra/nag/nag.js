#!/usr/bin/env node
// cdk-nag over the synthesized AotAuthStack template(s): the AwsSolutions and Serverless rule
// packs, applied as Aspects to the template loaded through cloudformation_include.CfnInclude
// (the .NET cdk-nag package cannot be restored here, and the C# app is pinned to CDK 2.160).
//
//   node nag.js <set>=<template.json>...
//
// <set> names the suppressions that apply to that template (SUPPRESSIONS below): `rest` and `http`
// for AotAuthStack synthesized with -c api=rest (the default) and -c api=http, `orders` for the
// second consumer of AotAuth.Cdk in tests/AotAuth.Infra.Tests (Consumer/OrdersStack.cs). Each
// template gets exactly its own list, so no suppression is reported stale for another template.
//
// Prints every finding and every suppression with its reason, then a summary per template.
// Exit 1 on any Error-level finding that is not suppressed below, on a rule that could not
// evaluate a resource, and on a suppression that names a missing resource or matches nothing
// (so the list below stays exactly what the stack needs). Warnings are printed, never fatal.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { App, Aspects, DefaultStackSynthesizer, Stack, cloudformation_include: cfnInclude } = require('aws-cdk-lib');
const { AwsSolutionsChecks, NagSuppressions, ServerlessChecks } = require('cdk-nag');

// CfnInclude drops the CDK metadata (construct paths), so suppressions go on the included
// resources by logical id. The ids are stable: they come from the construct paths of the C# app
// (infra/AotAuth.Infra) and are the same for arm64 and x86_64. Each reason is one line.

// The decisions AotAuthStack and the second consumer make alike, each with its one reason.
const xrayOnStar = (...policies) => ({
  id: 'AwsSolutions-IAM5',
  resources: policies,
  appliesTo: ['Resource::*'],
  reason: 'Only xray:PutTraceSegments/PutTelemetryRecords are on *: X-Ray has no resource-level permissions for them.',
});
const noDeadLetterQueue = (...functions) => ({
  id: 'Serverless-LambdaDLQ',
  resources: functions,
  reason: 'Only API Gateway invokes these functions, synchronously: errors go back to the caller; a DLQ only gets failed async events.',
});
const noExecutionLogs = (stage) => ({
  id: 'AwsSolutions-APIG6',
  resources: [stage],
  reason: 'Execution logs off on purpose (they can hold request data, in a log group outside the stack); JSON access logs record every request.',
});
const noWaf = (stage) => ({
  id: 'AwsSolutions-APIG3',
  resources: [stage],
  reason: 'No WAF on purpose (a web ACL bills monthly at rest): the stage throttles and the TOKEN authorizer regex refuses malformed tokens before any invocation.',
});

// AotAuthStack's functions, in both its REST (-c api=rest) and HTTP (-c api=http) templates.
const FUNCTION_SUPPRESSIONS = [
  xrayOnStar('AuthorizerFunctionNativeRoleDefaultPolicy7FF4F22D', 'UserFunctionNativeRoleDefaultPolicyBE20321B'),
  noDeadLetterQueue('AuthorizerFunctionNativeFunction9E97DFF7', 'UserFunctionNativeFunction8E095E7A'),
];

// AotAuthStack with its REST API. (The HTTP API template has none of these resources, and the
// AwsSolutions HTTP API rules it triggers, access logs and authorization, pass.)
const STAGE = 'UserApiDeploymentStageprod97BF71A2';
const REST_SUPPRESSIONS = [
  ...FUNCTION_SUPPRESSIONS,
  {
    id: 'AwsSolutions-COG4',
    resources: ['UserApiuserPUT3B6A7F9A', 'UserApiuseridGET5BFDE680'],
    reason: 'Cognito is not used on purpose: the Native AOT Lambda TOKEN authorizer is the point of this project.',
  },
  {
    id: 'AwsSolutions-IAM4',
    resources: ['UserApiCloudWatchRoleBF1E2D58'],
    appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs'],
    reason: "The account's API Gateway logging role: AmazonAPIGatewayPushToCloudWatchLogs is the policy AWS documents and maintains for it.",
    // -c apiGatewayCloudWatchRole=false leaves the role out of the template.
    optional: true,
  },
  noExecutionLogs(STAGE),
  noWaf(STAGE),
];

const HTTP_SUPPRESSIONS = FUNCTION_SUPPRESSIONS;

// The second consumer of AotAuth.Cdk (tests/AotAuth.Infra.Tests/Consumer/OrdersStack.cs): a team's
// stack with a REST API (GET and DELETE /orders/{id} behind the AotAuth TOKEN and REQUEST
// authorizers, a public GET /health) and an HTTP API (the same, GET /health public).
const ORDERS_HEALTH = 'OrdersApihealthGET4A33FAE5';
const ORDERS_STAGE = 'OrdersApiDeploymentStagev178298ECB';
const PUBLIC_HEALTH = 'GET /health is public by design: load balancers and uptime checks call it without a token.';
const ORDERS_SUPPRESSIONS = [
  xrayOnStar('AuthorizerNativeRoleDefaultPolicyB5D4A313'),
  noDeadLetterQueue('AuthorizerNativeFunction468046BD'),
  {
    id: 'AwsSolutions-COG4',
    resources: ['OrdersApiordersidGET66DC6160', 'OrdersApiordersidDELETEA6CB82E0'],
    reason: 'The AotAuth Lambda authorizer (TOKEN on GET, REQUEST on DELETE) guards these methods instead of Cognito.',
  },
  { id: 'AwsSolutions-COG4', resources: [ORDERS_HEALTH], reason: PUBLIC_HEALTH },
  { id: 'AwsSolutions-APIG4', resources: [ORDERS_HEALTH, 'OrdersHttpApiGEThealth3FEB252D'], reason: PUBLIC_HEALTH },
  noExecutionLogs(ORDERS_STAGE),
  noWaf(ORDERS_STAGE),
];

const SUPPRESSIONS = { rest: REST_SUPPRESSIONS, http: HTTP_SUPPRESSIONS, orders: ORDERS_SUPPRESSIONS };

function nagTemplate(templateFile, suppressions) {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'aotauth-nag-'));
  try {
    const app = new App({ outdir });
    // The synthesized template already has the BootstrapVersion parameter and rule.
    const stack = new Stack(app, 'AotAuthStack', {
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });
    const include = new cfnInclude.CfnInclude(stack, 'Template', { templateFile });
    const problems = [];

    for (const s of suppressions) {
      for (const logicalId of s.resources) {
        let resource;
        try {
          resource = include.getResource(logicalId);
        } catch {
          if (!s.optional) {
            problems.push(`${s.id} names ${logicalId}, which the template does not have`);
          }
          continue;
        }
        NagSuppressions.addResourceSuppressions(resource, [{ id: s.id, reason: s.reason, appliesTo: s.appliesTo }]);
      }
    }

    const findings = [];
    const suppressed = [];
    const ruleErrors = [];
    let compliant = 0;
    const id = (resource) => stack.resolve(resource.logicalId);
    const logger = {
      onCompliance() { compliant++; },
      onNotApplicable() {},
      onNonCompliance(d) { findings.push({ level: d.ruleLevel, rule: d.ruleId, resource: id(d.resource), finding: d.findingId, info: d.ruleInfo }); },
      onSuppressed(d) { suppressed.push({ level: d.ruleLevel, rule: d.ruleId, resource: id(d.resource), finding: d.findingId, reason: d.suppressionReason }); },
      onError(d) { ruleErrors.push({ rule: d.ruleId, resource: id(d.resource), message: d.errorMessage }); },
      onSuppressedError(d) { ruleErrors.push({ rule: d.ruleId, resource: id(d.resource), message: `${d.errorMessage} (suppressed: ${d.errorSuppressionReason})` }); },
    };
    Aspects.of(app).add(new AwsSolutionsChecks({ reports: false, additionalLoggers: [logger] }));
    Aspects.of(app).add(new ServerlessChecks({ reports: false, additionalLoggers: [logger] }));
    app.synth();

    for (const s of suppressions) {
      for (const logicalId of s.resources) {
        const present = include.node.tryFindChild(logicalId) !== undefined;
        if (present && !suppressed.some((f) => f.rule === s.id && f.resource === logicalId)) {
          problems.push(`${s.id} on ${logicalId} matches no finding: remove it`);
        }
      }
    }
    return { findings, suppressed, ruleErrors, compliant, problems };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function main(files) {
  const usage = `usage: node nag.js <set>=<template.json>... (sets: ${Object.keys(SUPPRESSIONS).join(', ')})`;
  if (files.length === 0) {
    console.error(usage);
    return 2;
  }
  const runs = files.map((arg) => {
    const eq = arg.indexOf('=');
    const set = eq > 0 ? arg.slice(0, eq) : '';
    if (!(set in SUPPRESSIONS)) {
      throw new Error(`'${arg}' names no suppression set; ${usage}`);
    }
    return { set, file: arg.slice(eq + 1) };
  });
  const version = require('cdk-nag/package.json').version;
  let failed = false;
  for (const { set, file } of runs) {
    const r = nagTemplate(path.resolve(file), SUPPRESSIONS[set]);
    const errors = r.findings.filter((f) => f.level === 'Error');
    const others = r.findings.filter((f) => f.level !== 'Error');
    console.log(`cdk-nag ${version} (AwsSolutions, Serverless) over ${file} (suppressions: ${set})`);
    for (const f of r.findings) {
      console.log(`  ${f.level.toUpperCase()} ${f.rule} ${f.resource}${f.finding ? ` [${f.finding}]` : ''}: ${f.info}`);
    }
    for (const e of r.ruleErrors) {
      console.log(`  RULE ERROR ${e.rule} ${e.resource}: ${e.message}`);
    }
    for (const p of r.problems) {
      console.log(`  STALE SUPPRESSION ${p}`);
    }
    for (const s of r.suppressed) {
      console.log(`  suppressed ${s.level.toLowerCase()} ${s.rule} ${s.resource}${s.finding ? ` [${s.finding}]` : ''}: ${s.reason}`);
    }
    const byRule = {};
    for (const s of r.suppressed) {
      byRule[s.rule] = (byRule[s.rule] ?? 0) + 1;
    }
    const suppressedSummary = Object.entries(byRule).sort().map(([rule, n]) => `${rule} x${n}`).join(', ') || 'none';
    console.log(`  summary: ${r.compliant} checks passed; ${errors.length} unsuppressed errors, ${others.length} warnings, `
      + `${r.ruleErrors.length} rule errors, ${r.problems.length} suppression problems; suppressed: ${suppressedSummary}`);
    if (errors.length > 0 || r.ruleErrors.length > 0 || r.problems.length > 0) {
      failed = true;
    }
  }
  console.log(failed ? 'cdk-nag: FAILED' : 'cdk-nag: OK');
  return failed ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  // A template CfnInclude cannot read (or a missing file): one line, not the minified library source.
  console.error(`cdk-nag: ${e instanceof Error ? e.message : e}`);
  process.exitCode = 1;
}
