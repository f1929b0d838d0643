using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TokenSchema;
using TokenSchema.Daily;
using TokenSchema.Extensions.DependencyInjection;

HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
{
    ["TokenSchema:Daily:ApiKey"] = "a package consumer's daily key of 32+ bytes",
    ["TokenSchema:Daily:DomainId"] = "25df5057-ef0d-4d97-bde6-0cf287276cbb",
});
builder.Services.AddTokenSchema().AddDaily(builder.Configuration.GetSection("TokenSchema:Daily"));
using IHost host = builder.Build();
await host.StartAsync();

var daily = host.Services.GetRequiredService<ConfiguredTokenIssuer<DailyToken>>();
string token = daily.Issue(new DailyToken { RoomName = "standup" });
Console.WriteLine(daily.TryVerifyDetailed(token.AsSpan(), out DailyToken? read, out JwtVerificationFailure failure)
    ? $"verified: room {read.RoomName} (the DI package from the packed feed)"
    : $"rejected: {failure}");
await host.StopAsync();
