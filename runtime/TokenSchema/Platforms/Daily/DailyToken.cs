using System;
using System.Buffers;
using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace TokenSchema.Daily;

/// <summary>
/// A Daily meeting token: the claims of a token self-signed with a Daily domain's API key (HS256), in Daily's
/// abbreviated claim names. Every member is optional in C# so that <see cref="DailyTokenIssuer"/> can fill the
/// domain id and issue time; a self-signed token must carry <see cref="RoomName"/> (<c>r</c>),
/// <see cref="DomainId"/> (<c>d</c>) and <see cref="IssuedAt"/> (<c>iat</c>), which <see cref="IJwtPayload{TSelf}.Validate"/> checks.
/// </summary>
/// <remarks>
/// Claims are written in declaration order, <c>r</c>, <c>d</c>, <c>iat</c> first, so a token with only those three claims
/// is byte for byte the token Daily's REST endpoint issues. Daily recommends keeping a token under
/// <see cref="DailyTokenIssuer.MaxRecommendedLength"/> characters. <see cref="IJwtPayload{TSelf}.Validate"/> also makes the
/// checks the attributes cannot express (http(s) URLs, the <c>mjh</c> length, the <c>sro</c> and <c>er</c> shapes), so
/// <see cref="JwtSigner"/> and <see cref="JwtVerifier"/> enforce them; <see cref="ValidateForSelfSigning"/> returns the same result.
/// The same record is also the body of Daily's REST create-meeting-token call, in Daily's long names
/// (<see cref="WriteRestRequestBody"/>, <see cref="ToRestRequestBody"/>, <see cref="DailyTokenIssuer.CreateRestRequestBody"/>),
/// for when Daily should sign the token instead.
/// </remarks>
[TokenPayload(ClaimVocabulary.Daily)]
public sealed partial record DailyToken
{
    /// <summary>The room the token admits to (<c>r</c>, room_name). Required in a self-signed token.</summary>
    [Claim("r")]
    public string? RoomName { get; init; }

    /// <summary>The Daily domain's id (<c>d</c>, domain_id), written as a UUID string. Required in a self-signed token.</summary>
    [Claim("d")]
    public Guid? DomainId { get; init; }

    /// <summary>When the token was issued (<c>iat</c>, unix seconds). Required in a self-signed token.</summary>
    [Claim("iat")]
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>Daily refuses the token before this time (<c>nbf</c>, unix seconds).</summary>
    [Claim("nbf")]
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Daily refuses the token from this time on (<c>exp</c>, unix seconds). Daily strongly recommends it.</summary>
    [Claim("exp")]
    public DateTimeOffset? Expires { get; init; }

    /// <summary>The participant's user id (<c>ud</c>, user_id), reported in Daily's logs and events; at most 36 characters.</summary>
    [Claim("ud")]
    public string? UserId { get; init; }

    /// <summary>The participant's display name in the call (<c>u</c>, user_name).</summary>
    [Claim("u")]
    public string? UserName { get; init; }

    /// <summary>Gives the participant meeting owner privileges: sending every kind of media and admin actions such as muting others (<c>o</c>, is_owner).</summary>
    [Claim("o")]
    public bool? IsOwner { get; init; }

    /// <summary>In a room with knocking enabled, makes the participant ask to join and wait for an owner to admit them instead of bypassing the waiting screen (<c>k</c>, knocking).</summary>
    [Claim("k")]
    public bool? Knocking { get; init; }

    /// <summary>Closes the browser tab when the participant leaves the meeting (<c>ctoe</c>, close_tab_on_exit).</summary>
    [Claim("ctoe")]
    public bool? CloseTabOnExit { get; init; }

    /// <summary>Where Daily's prebuilt UI sends the participant after leaving the meeting (<c>rome</c>, redirect_on_meeting_exit); an absolute http(s) URL.</summary>
    [Claim("rome")]
    [Url]
    public Uri? RedirectOnMeetingExit { get; init; }

    /// <summary>Enables the Intercom alert when the participant joins (<c>ij</c>, intercom_join_alert; documented by a third-party source only).</summary>
    [Claim("ij")]
    public bool? IntercomJoinAlert { get; init; }

    /// <summary>Starts a cloud recording when the participant joins (<c>sr</c>, start_cloud_recording); needs <c>cloud</c> recording enabled on the room or in <see cref="EnableRecording"/>.</summary>
    [Claim("sr")]
    public bool? StartCloudRecording { get; init; }

    /// <summary>Options of the cloud recording started by <see cref="StartCloudRecording"/> (<c>sro</c>, start_cloud_recording_opts): a JSON object whose shape Daily does not document, written as given.</summary>
    [Claim("sro")]
    public JsonElement? StartCloudRecordingOptions { get; init; }

    /// <summary>Starts transcription when an owner joins the room (<c>ast</c>, auto_start_transcription).</summary>
    [Claim("ast")]
    public bool? AutoStartTranscription { get; init; }

    /// <summary>The recording modes the participant may use (<c>er</c>, enable_recording): one mode is written as a string, several as an array.</summary>
    [Claim("er")]
    [ClaimConverter(typeof(DailyRecordingConverter))]
    public DailyRecording? EnableRecording { get; init; }

    /// <summary>Whether the participant may share their screen, for the whole meeting (<c>ss</c>, enable_screenshare); <see cref="Permissions"/> can change it during the call.</summary>
    [Claim("ss")]
    public bool? EnableScreenshare { get; init; }

    /// <summary>Joins with the camera off (<c>vo</c>, start_video_off).</summary>
    [Claim("vo")]
    public bool? StartVideoOff { get; init; }

    /// <summary>Joins with the microphone off (<c>ao</c>, start_audio_off).</summary>
    [Claim("ao")]
    public bool? StartAudioOff { get; init; }

    /// <summary>A URL Daily calls when the participant joins (<c>mjh</c>, meeting_join_hook); an absolute http(s) URL of at most 255 characters.</summary>
    [Claim("mjh")]
    [Url]
    public Uri? MeetingJoinHook { get; init; }

    /// <summary>Ejects the participant when the token expires (<c>ejt</c>, eject_at_token_exp).</summary>
    [Claim("ejt")]
    public bool? EjectAtTokenExp { get; init; }

    /// <summary>Ejects the participant this many seconds after joining (<c>eje</c>, eject_after_elapsed); not negative.</summary>
    [Claim("eje")]
    public int? EjectAfterElapsed { get; init; }

    /// <summary>The language of Daily Prebuilt's UI for the participant, overriding the room's and the domain's (<c>uil</c>, lang).</summary>
    [Claim("uil")]
    public DailyLanguage? Language { get; init; }

    /// <summary>Shows the recording button in Daily's prebuilt UI (<c>erui</c>, enable_recording_ui).</summary>
    [Claim("erui")]
    public bool? EnableRecordingUi { get; init; }

    /// <summary>The initial permissions of a participant who is not a meeting owner: presence, sending, receiving, admin rights (<c>p</c>, permissions). They take precedence over the room's and the domain's.</summary>
    [Claim("p")]
    public DailyPermissions? Permissions { get; init; }

    /// <summary>
    /// Every problem that keeps the token from being a valid self-signed Daily token: the generated checks of
    /// <see cref="IJwtPayload{TSelf}.Validate"/>, from Daily's claim table (required <c>r</c>, <c>d</c>, <c>iat</c>; <c>ud</c>
    /// at most 36 and <c>mjh</c> at most 255 characters; <c>eje</c> not negative) and from the types (<c>exp</c> after
    /// <c>iat</c> and <c>nbf</c>; defined enum values; valid text), and the checks across the token it also makes:
    /// <c>rome</c> and <c>mjh</c> are absolute http or https URLs, <c>er</c> names at least one mode, <c>sro</c> is a JSON object.
    /// </summary>
    /// <returns>The valid result, or every problem by claim name.</returns>
    public ClaimValidationResult ValidateForSelfSigning() => Validate();

    /// <summary>
    /// The checks of every Daily token the claim table and the attributes cannot express, run by the generated
    /// <see cref="IJwtPayload{TSelf}.Validate"/> after the per-claim checks: <c>rome</c> and <c>mjh</c> are absolute http or
    /// https URLs, <c>er</c> names at least one mode, <c>sro</c> is a JSON object.
    /// </summary>
    private void ValidateClaims(ref ClaimProblemCollector problems)
    {
        CheckHttpUrl(ref problems, "rome", RedirectOnMeetingExit);
        CheckHttpUrl(ref problems, "mjh", MeetingJoinHook);
        if (EnableRecording is { IsEmpty: true })
        {
            problems.Add("er", "names no recording mode");
        }

        if (StartCloudRecordingOptions is { } options && options.ValueKind != JsonValueKind.Object)
        {
            problems.Add("sro", "is not a JSON object");
        }
    }

    /// <summary>
    /// Writes the body of Daily's REST create-meeting-token call (<c>POST https://api.daily.co/v1/meeting-tokens</c>):
    /// <c>{"properties":{…}}</c> holding this token's claims in their long form (<see cref="ILongFormPayload.WriteLongForm"/>:
    /// <c>room_name</c>, <c>is_owner</c>, <c>permissions</c> with <c>canSend</c> arrays, …), then the set
    /// <paramref name="options"/>. Daily signs the token it returns with the API key of the call's <c>Authorization</c>
    /// header.
    /// </summary>
    /// <param name="writer">The writer to write the JSON object to; its indentation and escaping apply.</param>
    /// <param name="options">The options only the REST call accepts, or <see langword="null"/> for none.</param>
    /// <remarks>
    /// <para>
    /// The body leaves out <see cref="DomainId"/> (<c>d</c>) and <see cref="IssuedAt"/> (<c>iat</c>): Daily's REST
    /// <c>properties</c> accept neither (the endpoint fills the domain of the API key and the time of the call), so the
    /// same token can be self-signed after <see cref="DailyTokenIssuer.Complete"/> and sent to the REST call.
    /// </para>
    /// <para>
    /// Beyond refusing <c>ij</c> and <c>mjh</c>, nothing is validated here; <see cref="ValidateForRestRequest"/> lists the problems Daily would answer with
    /// <c>400</c>, and <see cref="DailyTokenIssuer.CreateRestRequestBody"/> validates before writing. Once the per-thread
    /// buffers have grown, writing allocates nothing.
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">
    /// The token sets <see cref="IntercomJoinAlert"/> (<c>ij</c>) or <see cref="MeetingJoinHook"/> (<c>mjh</c>), which the
    /// REST call does not accept: only a self-signed token can carry them.
    /// </exception>
    public void WriteRestRequestBody(Utf8JsonWriter writer, DailyRestOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (IntercomJoinAlert is not null || MeetingJoinHook is not null)
        {
            throw new InvalidOperationException(
                $"Daily's REST create-meeting-token call does not accept {(IntercomJoinAlert is not null ? "'ij' (intercom_join_alert)" : "'mjh' (meeting_join_hook)")}; only a self-signed token can carry it.");
        }

        DailyRestBody.Write(writer, this, options);
    }

    /// <summary>
    /// The body of Daily's REST create-meeting-token call as compact JSON text, with only the escaping JSON requires
    /// (non-ASCII text stays as is); see <see cref="WriteRestRequestBody"/>.
    /// </summary>
    /// <param name="options">The options only the REST call accepts, or <see langword="null"/> for none.</param>
    /// <returns>The JSON text <c>{"properties":{…}}</c>.</returns>
    /// <exception cref="InvalidOperationException">The token sets <c>ij</c> or <c>mjh</c>, which the REST call does not accept.</exception>
    public string ToRestRequestBody(DailyRestOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            WriteRestRequestBody(writer, options);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Every problem Daily's REST create-meeting-token call would refuse in the body <see cref="WriteRestRequestBody"/> writes.
    /// These are the checks of <see cref="ValidateForSelfSigning"/> with three exceptions: nothing about <c>d</c> and
    /// <c>iat</c>, which the body leaves to Daily (so <c>exp</c> is not compared with <c>iat</c>); no required <c>r</c>, since
    /// a body without <c>room_name</c> asks for a token valid in every room of the domain (a blank one is still refused);
    /// and <c>ij</c> and <c>mjh</c>, which the call does not accept at all. <c>nbf</c> and <c>exp</c> must also fit the
    /// call's 32-bit seconds.
    /// </summary>
    /// <returns>The valid result, or every problem by claim name.</returns>
    public ClaimValidationResult ValidateForRestRequest()
    {
        ClaimValidationResult selfSigning = (this with { DomainId = null, IssuedAt = null }).ValidateForSelfSigning();
        var problems = new ClaimProblemCollector();
        foreach (ClaimProblem problem in selfSigning.Problems)
        {
            if (problem.Claim is not ("d" or "iat" or "mjh") && !(problem.Claim == "r" && RoomName is null))
            {
                problems.Add(problem.Claim, problem.Message);
            }
        }

        if (IntercomJoinAlert is not null)
        {
            problems.Add("ij", "is not accepted by Daily's REST create-meeting-token call");
        }

        if (MeetingJoinHook is not null)
        {
            problems.Add("mjh", "is not accepted by Daily's REST create-meeting-token call");
        }

        CheckRestSeconds(ref problems, "nbf", NotBefore);
        CheckRestSeconds(ref problems, "exp", Expires);
        return problems.ToResult();
    }

    private static void CheckRestSeconds(ref ClaimProblemCollector problems, string claim, DateTimeOffset? time)
    {
        if (time is { } value && (value.ToUnixTimeSeconds() > int.MaxValue || value.ToUnixTimeSeconds() < int.MinValue))
        {
            problems.Add(claim, "does not fit the 32-bit seconds of Daily's REST call");
        }
    }

    private static void CheckHttpUrl(ref ClaimProblemCollector problems, string claim, Uri? url)
    {
        if (url is null || (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)) ||
            problems.HasProblem(claim))
        {
            return;
        }

        problems.Add(claim, "is not an absolute http or https URL");
    }
}
