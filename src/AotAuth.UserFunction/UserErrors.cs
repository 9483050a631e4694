namespace AotAuth.UserFunction;

/// <summary>The client sent something the API refuses: the error message starts with <c>BadRequest: </c> (400).</summary>
internal sealed class BadRequestException(string message) : Exception(message);

/// <summary>The event itself is not what the mapping template produces: a plain error (500).</summary>
internal sealed class InvalidEventException(string message) : Exception(message);
