using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TokenSchema.Extensions.DependencyInjection;

/// <summary>Adds TokenSchema's health check to <c>services.AddHealthChecks()</c>.</summary>
public static class TokenSchemaHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds a check that every issuer <see cref="TokenSchemaBuilder"/> registered can sign a token and verify it with the
    /// current key: unhealthy, naming the platform and the issuer (never a key), when one cannot.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name; <c>tokenschema</c> by default.</param>
    /// <param name="tags">Tags for filtering the check.</param>
    public static IHealthChecksBuilder AddTokenSchema(this IHealthChecksBuilder builder, string name = "tokenschema", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, provider => new TokenSchemaHealthCheck(provider), HealthStatus.Unhealthy, tags));
    }
}

/// <summary>Signs a probe token with each configured issuer and verifies it.</summary>
internal sealed class TokenSchemaHealthCheck(IServiceProvider provider) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var failed = new List<string>();
        foreach (TokenSchemaRegistration registration in provider.GetServices<TokenSchemaRegistration>())
        {
            cancellationToken.ThrowIfCancellationRequested();
            IIssuerProbe issuer = registration.Resolve(provider);
            string label = $"{issuer.Platform} '{registration.Name}'";
            string? problem = issuer.Probe();
            data[label] = problem ?? "signs and verifies";
            if (problem is not null)
            {
                failed.Add($"{label}: {problem}");
            }
        }

        return Task.FromResult(failed.Count == 0
            ? HealthCheckResult.Healthy($"{data.Count} TokenSchema issuer(s) sign and verify.", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", failed), data: data));
    }
}

/// <summary>What the health check asks of an issuer, whatever its token type.</summary>
internal interface IIssuerProbe
{
    string Platform { get; }

    /// <summary>Signs the probe token and verifies it; <see langword="null"/> when both work, else what failed (never a key).</summary>
    string? Probe();
}
