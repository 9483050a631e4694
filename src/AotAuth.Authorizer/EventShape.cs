namespace AotAuth.Authorizer;

/// <summary>Which API Gateway authorizer event an invocation carried; the shape decides the token's place and the answer's form.</summary>
internal enum EventShape
{
    /// <summary>REST <c>TOKEN</c>: <c>authorizationToken</c> and <c>methodArn</c>; answered with an IAM policy.</summary>
    Token,

    /// <summary>
    /// REST <c>REQUEST</c> (and an HTTP API's payload format 1.0, the same fields): the token in the
    /// <c>Authorization</c> header, <c>methodArn</c>; answered with an IAM policy.
    /// </summary>
    Request,

    /// <summary>
    /// HTTP API payload format 2.0 (<c>"version":"2.0"</c>): the token in the <c>authorization</c>
    /// header, <c>routeArn</c>; answered with a simple response or an IAM policy (<see cref="HttpResponseMode"/>).
    /// </summary>
    HttpV2,
}

/// <summary>How an HTTP API (payload 2.0) event is answered: <c>AUTHORIZER_RESPONSE</c>.</summary>
internal enum HttpResponseMode
{
    /// <summary><c>{"isAuthorized": ..., "context": {...}}</c> (the authorizer's simple responses enabled).</summary>
    Simple,

    /// <summary>An IAM policy covering every scope of the token, as on REST.</summary>
    Iam,
}
