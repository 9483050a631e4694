// The seed's handler, verbatim from cloudonaut's "API Gateway Custom Authorization with
// Lambda, DynamoDB and CloudFormation" (2017), with one change: the table name can be
// set through SEED_TOKEN_TABLE, so that the cold-start harness can use a private table
// in a DynamoDB Local shared with the tests (default: the seed's own "auth-token").
var AWS = require('aws-sdk');
var dynamodb = new AWS.DynamoDB();

function generatePolicy(principalId, effect, resource) {
return {
'principalId': principalId,
'policyDocument': {
'Version': '2012-10-17',
'Statement': [{
'Action': 'execute-api:Invoke',
'Effect': effect,
'Resource': resource
}]
}
};
}

exports.handler = function(event, context, cb) {
var token = event.authorizationToken;
dynamodb.getItem({
"Key": {
"token": {"S": token}
},
"TableName": process.env.SEED_TOKEN_TABLE || "auth-token"
}, function(err, data) {
if (err) {
cb(err);
} else {
if (data.Item === undefined) {
cb(null, generatePolicy('user', 'Deny', event.methodArn));
} else {
cb(null, generatePolicy('user', 'Allow', event.methodArn));
}
}
});
};
