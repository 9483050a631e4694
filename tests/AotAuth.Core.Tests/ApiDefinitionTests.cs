using System.Text.RegularExpressions;
using AotAuth.Core;
using AotAuth.Core.Api;

namespace AotAuth.Core.Tests;

/// <summary>
/// The built-in API definition holds together: what a route names exists, and the gateway's
/// token check agrees with the authorizer's. (That its routes route and its model validates is
/// tested where they are used: Gateway.Tests' RouteTableTests and ModelValidatorTests.)
/// </summary>
public class ApiDefinitionTests
{
    private static readonly ApiDefinition Api = AotAuthApi.Definition;

    [Fact]
    public void EveryRoute_NamesTheApisAuthorizer_AndOnlyModelsThatExist()
    {
        Assert.NotEmpty(Api.Routes);
        foreach (RouteDefinition route in Api.Routes)
        {
            Assert.Equal(Api.Authorizer.Name, route.AuthorizerName);
            if (route.RequestModelName is { } model)
            {
                Assert.NotNull(Api.Model(model));
            }

            Assert.False(route.ValidateRequestBody && route.RequestModelName is null, $"{route} validates its body against no model");
        }
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("ab")]
    [InlineData("A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6")]
    [InlineData("A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q")]
    [InlineData("Bearer abc")]
    [InlineData("abc-def")]
    [InlineData("abc\n")]
    [InlineData("ÄBC")]
    [InlineData("")]
    public void TheGatewaysValidationExpression_AcceptsExactlyTheTokensTheAuthorizerAccepts(string token)
    {
        var expression = new Regex(@"\A(?:" + Api.Authorizer.ValidationExpression + @")\z", RegexOptions.CultureInvariant);

        Assert.Equal(TokenFormat.IsValid(token.AsSpan()), expression.IsMatch(token));
    }

    [Theory]
    [InlineData(GatewayResponseType.Unauthorized, "UNAUTHORIZED", 401)]
    [InlineData(GatewayResponseType.AccessDenied, "ACCESS_DENIED", 403)]
    [InlineData(GatewayResponseType.AuthorizerFailure, "AUTHORIZER_FAILURE", 500)]
    [InlineData(GatewayResponseType.AuthorizerConfigurationError, "AUTHORIZER_CONFIGURATION_ERROR", 500)]
    [InlineData(GatewayResponseType.BadRequestBody, "BAD_REQUEST_BODY", 400)]
    [InlineData(GatewayResponseType.MissingAuthenticationToken, "MISSING_AUTHENTICATION_TOKEN", 403)]
    public void EveryGatewayResponseType_HasTheAwsNameAndStatusOfApiGatewaysReference(GatewayResponseType type, string awsName, int status)
    {
        // The names and default statuses of "Gateway response types for API Gateway" (AWS docs).
        GatewayResponseDefinition response = Api.GatewayResponse(type);
        Assert.Equal(awsName, response.AwsName);
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public void EveryGatewayResponseType_IsDefined()
    {
        foreach (GatewayResponseType type in Enum.GetValues<GatewayResponseType>())
        {
            Assert.Equal(type, Api.GatewayResponse(type).Type);
        }
    }

    [Fact]
    public void UnknownModelName_FailsLoudly()
    {
        Assert.Throws<KeyNotFoundException>(() => Api.Model("Pet"));
    }
}
