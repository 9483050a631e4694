namespace AotAuth.Storage;

/// <summary>Stores users by id.</summary>
public interface IUserStore
{
    /// <summary>Creates or replaces a user in one atomic write.</summary>
    /// <param name="user">The user to store.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task PutAsync(User user, CancellationToken cancellationToken);

    /// <summary>Reads a user; null when unknown.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<User?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="PutAsync(User, CancellationToken)"/> within <paramref name="timeout"/>. Running
    /// out of time throws <see cref="TimeoutException"/> (DynamoDB: <see cref="DynamoDbException"/>
    /// with <see cref="DynamoDbException.TimeoutCode"/>); the write may or may not have happened.
    /// </summary>
    /// <param name="user">The user to store.</param>
    /// <param name="timeout">The call's budget.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <remarks>The default arms a timer for the call; a store that can bound its own I/O overrides it.</remarks>
    Task PutAsync(User user, TimeSpan timeout, CancellationToken cancellationToken) =>
        CallTimeout.RunAsync(async token =>
        {
            await PutAsync(user, token).ConfigureAwait(false);
            return true;
        }, timeout, cancellationToken);

    /// <summary><see cref="GetAsync(string, CancellationToken)"/> within <paramref name="timeout"/>, as <see cref="PutAsync(User, TimeSpan, CancellationToken)"/>.</summary>
    /// <param name="id">The user id.</param>
    /// <param name="timeout">The call's budget.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    Task<User?> GetAsync(string id, TimeSpan timeout, CancellationToken cancellationToken) =>
        CallTimeout.RunAsync(token => GetAsync(id, token), timeout, cancellationToken);
}
