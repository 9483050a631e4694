namespace AotAuth.Core.Contracts;

/// <summary>
/// The error types the functions answer with, and the message prefixes the API's integration
/// responses select on (<c>BadRequest: </c> -> 400, <c>NotFound: </c> -> 404, anything else -> 500;
/// an authorizer's exact <c>Unauthorized</c> -> 401). A message is its type, <c>": "</c>, then
/// the detail, written as constant concatenations so an error answer allocates nothing for it.
/// </summary>
public static class ErrorTypes
{
    /// <summary>The exact authorizer error message API Gateway turns into 401.</summary>
    public const string Unauthorized = "Unauthorized";

    /// <summary>An event the function cannot read (a gateway or test bug): 500.</summary>
    public const string InvalidEvent = "InvalidEvent";

    /// <summary>The authorizer could not read the token store: 500, never Allow.</summary>
    public const string TokenStoreUnavailable = "TokenStoreUnavailable";

    /// <summary>The token store did not answer within the budget: 500, never Allow.</summary>
    public const string TokenStoreTimeout = "TokenStoreTimeout";

    /// <summary>The user function refused the request: 400.</summary>
    public const string BadRequest = "BadRequest";

    /// <summary>No such user: 404.</summary>
    public const string NotFound = "NotFound";

    /// <summary>The user function could not reach its store: 500.</summary>
    public const string StoreUnavailable = "StoreUnavailable";
}
