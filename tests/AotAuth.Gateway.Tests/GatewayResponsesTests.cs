using AotAuth.Core.Api;

namespace AotAuth.Gateway.Tests;

public class GatewayResponsesTests
{
    private readonly GatewayResponses _responses = new(AotAuthApi.Definition);

    [Theory]
    [InlineData(GatewayResponseType.Unauthorized, 401, """{"message":"Unauthorized"}""", "UnauthorizedException")]
    [InlineData(GatewayResponseType.AuthorizerFailure, 500, """{"message": null}""", "AuthorizerFailureException")]
    [InlineData(GatewayResponseType.AuthorizerConfigurationError, 500, """{"message": null}""", "AuthorizerConfigurationException")]
    [InlineData(GatewayResponseType.BadRequestBody, 400, """{"message": "Invalid request body"}""", "BadRequestException")]
    [InlineData(GatewayResponseType.MissingAuthenticationToken, 403, """{"message":"Missing Authentication Token"}""", "MissingAuthenticationTokenException")]
    public void EachGatewayResponse_HasTheReferenceStatusBodyAndErrorType(GatewayResponseType type, int status, string body, string errorType)
    {
        GatewayResponse response = _responses.Get(type);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(body, response.Body);
        Assert.Equal(errorType, response.Headers[GatewayResponses.ErrorTypeHeader]);
    }

    [Fact]
    public void ExplicitDeny_Is403_WithTheExplicitDenyMessage()
    {
        GatewayResponse response = _responses.ForDecision(PolicyDecision.ExplicitDeny);
        Assert.Equal(403, response.StatusCode);
        Assert.Equal("""{"message":"User is not authorized to access this resource with an explicit deny"}""", response.Body);
        Assert.Equal("AccessDeniedException", response.Headers[GatewayResponses.ErrorTypeHeader]);
    }

    [Fact]
    public void ImplicitDeny_Is403_WithTheNotAuthorizedMessage()
    {
        GatewayResponse response = _responses.ForDecision(PolicyDecision.ImplicitDeny);
        Assert.Equal(403, response.StatusCode);
        Assert.Equal("""{"message":"User is not authorized to access this resource"}""", response.Body);
    }

    [Fact]
    public void Allow_HasNoGatewayResponse()
    {
        Assert.Throws<ArgumentException>(() => _responses.ForDecision(PolicyDecision.Allow));
    }
}

public class TokenAuthorizationTests
{
    private static readonly AuthorizerDefinition Authorizer = AotAuthApi.Definition.Authorizer;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ab")]
    [InlineData("abc def")]
    [InlineData("Bearer abc")]
    [InlineData("abc\n")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void MissingEmptyOrMalformedToken_Is401_WithoutInvokingTheAuthorizer(string? header)
    {
        Assert.False(TokenAuthorization.IsTokenAcceptable(header, Authorizer));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("Token0123456789")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")]
    public void TokenMatchingTheValidationExpression_IsSentToTheAuthorizer(string header)
    {
        Assert.True(TokenAuthorization.IsTokenAcceptable(header, Authorizer));
    }

    [Fact]
    public void AnyNonEmptyToken_IsSent_WithoutAValidationExpression()
    {
        Assert.True(TokenAuthorization.IsTokenAcceptable("Bearer x y", Authorizer with { ValidationExpression = "" }));
        Assert.False(TokenAuthorization.IsTokenAcceptable("", Authorizer with { ValidationExpression = "" }));
    }

    [Theory]
    [InlineData("Unauthorized", GatewayResponseType.Unauthorized)]
    [InlineData("unauthorized", GatewayResponseType.AuthorizerFailure)]
    [InlineData("Unauthorized: bad token", GatewayResponseType.AuthorizerFailure)]
    [InlineData("Unauthorized ", GatewayResponseType.AuthorizerFailure)]
    [InlineData(null, GatewayResponseType.AuthorizerFailure)]
    public void OnlyTheExactUnauthorizedError_Is401_AnyOtherAuthorizerFailureIs500(string? error, GatewayResponseType expected)
    {
        Assert.Equal(expected, TokenAuthorization.ForAuthorizerError(error));
    }

    [Fact]
    public void MalformedAuthorizerAnswer_Is500AuthorizerConfigurationError()
    {
        Assert.False(AuthorizerOutput.TryParse("""{"principalId":"p"}"""u8, out _, out _));
        GatewayResponse response = new GatewayResponses(AotAuthApi.Definition).Get(GatewayResponseType.AuthorizerConfigurationError);
        Assert.Equal(500, response.StatusCode);
        Assert.Equal("AuthorizerConfigurationException", response.Headers[GatewayResponses.ErrorTypeHeader]);
    }
}
