using System.Text.Json;
using AotAuth.Core;
using AotAuth.Core.Api;

namespace AotAuth.Core.Tests;

public class ApiDefinitionTests
{
    private static readonly ApiDefinition Api = AotAuthApi.Definition;

    [Fact]
    public void Api_IsDeployedToTheProdStage()
    {
        Assert.Equal("prod", Api.StageName);
    }

    [Fact]
    public void TokenAuthorizer_ReadsTheAuthorizationHeader_ValidatesItLikeTheAuthorizer_AndCachesForFiveMinutes()
    {
        Assert.Equal("authorizer", Api.Authorizer.Name);
        Assert.Equal("authorizer", Api.Authorizer.FunctionName);
        Assert.Equal("method.request.header.Authorization", Api.Authorizer.IdentitySource);
        Assert.Equal(TokenFormat.ValidationExpression, Api.Authorizer.ValidationExpression);
        Assert.Equal(300, Api.Authorizer.ResultTtlSeconds);
    }

    [Fact]
    public void UserModel_IsTheSeedSchema_WithTheUserFunctionLengthLimits()
    {
        ModelDefinition model = Api.Model("User");
        Assert.Equal("application/json", model.ContentType);
        using var schema = JsonDocument.Parse(model.Schema);
        JsonElement root = schema.RootElement;
        Assert.Equal("http://json-schema.org/draft-04/schema#", root.GetProperty("$schema").GetString());
        Assert.Equal("object", root.GetProperty("type").GetString());
        Assert.False(root.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(["id", "name"], root.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(128, root.GetProperty("properties").GetProperty("id").GetProperty("maxLength").GetInt32());
        Assert.Equal(256, root.GetProperty("properties").GetProperty("name").GetProperty("maxLength").GetInt32());
        Assert.Equal(1, root.GetProperty("properties").GetProperty("name").GetProperty("minLength").GetInt32());
    }

    [Fact]
    public void PutUser_IsAuthorizedValidatedAgainstTheUserModel_AndAnswers204()
    {
        RouteDefinition put = Api.Routes.Single(r => r.HttpMethod == "PUT");
        Assert.Equal("/user", put.Path);
        Assert.Equal("user", put.FunctionName);
        Assert.Equal("authorizer", put.AuthorizerName);
        Assert.True(put.ValidateRequestBody);
        Assert.Equal("User", put.RequestModelName);
        Assert.Empty(put.PathParameters);
        Assert.Empty(put.RequiredRequestParameters);
        Assert.Equal(204, put.DefaultResponse.StatusCode);
        Assert.Equal([204, 400, 404, 500], put.IntegrationResponses.Select(r => r.StatusCode));
    }

    [Fact]
    public void GetUser_IsAuthorizedNotBodyValidated_AndPassesTheResultThroughWith200()
    {
        RouteDefinition get = Api.Routes.Single(r => r.HttpMethod == "GET");
        Assert.Equal("/user/{id}", get.Path);
        Assert.Equal("authorizer", get.AuthorizerName);
        Assert.False(get.ValidateRequestBody);
        Assert.Null(get.RequestModelName);
        Assert.Equal(["id"], get.PathParameters.AsEnumerable());
        Assert.Equal(["method.request.path.id"], get.RequiredRequestParameters.AsEnumerable());
        Assert.Equal(200, get.DefaultResponse.StatusCode);
        Assert.Null(get.DefaultResponse.ResponseTemplate);
        Assert.Equal([200, 404, 400, 500], get.IntegrationResponses.Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(GatewayResponseType.Unauthorized, "UNAUTHORIZED", 401)]
    [InlineData(GatewayResponseType.AccessDenied, "ACCESS_DENIED", 403)]
    [InlineData(GatewayResponseType.AuthorizerFailure, "AUTHORIZER_FAILURE", 500)]
    [InlineData(GatewayResponseType.AuthorizerConfigurationError, "AUTHORIZER_CONFIGURATION_ERROR", 500)]
    [InlineData(GatewayResponseType.BadRequestBody, "BAD_REQUEST_BODY", 400)]
    [InlineData(GatewayResponseType.MissingAuthenticationToken, "MISSING_AUTHENTICATION_TOKEN", 403)]
    public void EveryGatewayResponseType_HasTheAwsNameAndStatusOfTheReference(GatewayResponseType type, string awsName, int status)
    {
        GatewayResponseDefinition response = Api.GatewayResponse(type);
        Assert.Equal(awsName, response.AwsName);
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public void UnknownModelName_FailsLoudly()
    {
        Assert.Throws<KeyNotFoundException>(() => Api.Model("Pet"));
    }
}
