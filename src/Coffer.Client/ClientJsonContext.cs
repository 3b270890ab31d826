using System.Text.Json;
using System.Text.Json.Serialization;
using Coffer.Client.Uploads;

namespace Coffer.Client;

/// <summary>Source-generated JSON for the client's own files (upload state, access-log heads).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(UploadState))]
[JsonSerializable(typeof(Links.AccessLogHead))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
