using System.Text.Json;
using AotAuth.Core;
using AotAuth.Core.Api;

namespace AotAuth.Core.Tests;

public class ApiDefinitionTests
{
    private static readonly ApiDefinition Api = AotAuthApi.Definition;

    [Fact]
    public void The_api_is_deployed_to_the_prod_stage()
    {
        Assert.Equal("prod", Api.StageName);
    }

    [Fact]
    public void The_token_authorizer_reads_the_authorization_header_validates_it_like_the_authorizer_and_caches_for_five_minutes()
    {
        Assert.Equal("authorizer", Api.Authorizer.Name);
        Assert.Equal("authorizer", Api.Authorizer.FunctionName);
        Assert.Equal("method.request.header.Authorization", Api.Authorizer.IdentitySource);
        Assert.Equal(TokenFormat.ValidationExpression, Api.Authorizer.ValidationExpression);
        Assert.Equal(300, Api.Authorizer.ResultTtlSeconds);
    }

    [Fact]
    public void The_user_model_is_the_seed_schema_with_the_user_function_length_limits()
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
    public void Put_user_is_authorized_validated_against_the_user_model_and_answers_204()
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
    public void Get_user_is_authorized_not_body_validated_and_passes_the_result_through_with_200()
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
    public void Every_gateway_response_type_has_the_aws_name_and_status_of_the_reference(GatewayResponseType type, string awsName, int status)
    {
        GatewayResponseDefinition response = Api.GatewayResponse(type);
        Assert.Equal(awsName, response.AwsName);
        Assert.Equal(status, response.StatusCode);
    }

    [Fact]
    public void An_unknown_model_name_fails_loudly()
    {
        Assert.Throws<KeyNotFoundException>(() => Api.Model("Pet"));
    }
}
