namespace AotAuth.LocalHosting;

/// <summary>
/// One-shot misbehaviours for <see cref="RuntimeApiServer.InjectFault"/>, to test how a function
/// reacts to Runtime API failures. Each injected fault applies to the next matching request only.
/// </summary>
public enum RuntimeApiFault
{
    /// <summary>The next <c>next</c> answers 500 (non-recoverable).</summary>
    NextReturns500,

    /// <summary>The next <c>next</c> answers 403.</summary>
    NextReturns403,

    /// <summary>The next <c>next</c> has its connection aborted without an answer.</summary>
    NextClosesConnection,

    /// <summary>The next <c>next</c> answers 200 with an event but no <c>Lambda-Runtime-Aws-Request-Id</c>.</summary>
    NextOmitsRequestId,

    /// <summary>The next <c>response</c> or <c>error</c> answers 500 (non-recoverable).</summary>
    ResponseReturns500,

    /// <summary>The next <c>response</c> or <c>error</c> answers 400 without recording it.</summary>
    ResponseReturns400,

    /// <summary>The next <c>response</c> or <c>error</c> has its connection aborted without an answer.</summary>
    ResponseClosesConnection,
}
