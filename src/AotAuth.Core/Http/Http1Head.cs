namespace AotAuth.Core.Http;

/// <summary>An HTTP/1.x answer's head, as <see cref="Http1AnswerReader"/> read it.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Reason">The reason phrase of an answer that is not 2xx; empty for 2xx.</param>
/// <param name="ContentLength">The body's length; -1 when the body is chunked or ends at the close; 0 for a status without a body.</param>
/// <param name="Chunked">The body comes in chunks.</param>
/// <param name="Close">The server closes the connection after this answer.</param>
public readonly record struct Http1Head(int Status, string Reason, long ContentLength, bool Chunked, bool Close);
