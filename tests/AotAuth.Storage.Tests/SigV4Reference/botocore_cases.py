# Test-generation step for SigV4SignerRulesTests (run by hand, never by the tests): botocore's
# SigV4Auth as the reference for the cases AWS's published suite lacks. The expected signatures
# in SigV4SignerRulesTests.cs were printed by this script with botocore 1.43.11.
# Usage: python3 botocore_cases.py
import datetime
from unittest import mock
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
import botocore.auth as auth

fixed = datetime.datetime(2015, 8, 30, 12, 36, 0)
def sign(method, url, service, region, token=None):
    creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
    req = AWSRequest(method=method, url=url, data=b"", headers={})
    with mock.patch.object(auth, "get_current_datetime", return_value=fixed):
        s = SigV4Auth(creds, service, region)
        s.add_auth(req)
    print(method, url, service, region)
    print(req.headers["Authorization"])
sign("DELETE", "https://apigateway.eu-west-1.amazonaws.com/restapis/a%20b/stages/prod/cache/authorizers", "apigateway", "eu-west-1")
sign("DELETE", "https://apigateway.us-east-1.amazonaws.com/restapis/abc123/stages/prod/cache/authorizers", "apigateway", "us-east-1", "session-token")
sign("GET", "https://example.amazonaws.com/?Param1&b=2", "service", "us-east-1")
sign("GET", "https://example.amazonaws.com/a%20b/c%2Fd?x=a%20b&x=a%2Bb", "service", "us-east-1")
