using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace BpfAnalyzers.EndToEnd.Tests
{
    /// <summary>
    /// The client half of the Language Server Protocol, as small as an editor's: JSON-RPC 2.0 over the
    /// server's stdin/stdout with <c>Content-Length</c> framing. Server-to-client requests are answered
    /// by the function given to <see cref="Start"/>; notifications are kept in <see cref="Notifications"/>.
    /// Every wait is bounded.
    /// </summary>
    internal sealed class LanguageServerClient : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Stream _toServer;
        private readonly SemaphoreSlim _writing = new(1, 1);
        private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonNode?>> _pending = new();
        private readonly StringBuilder _stderr = new();
        private readonly Func<string, JsonNode?, JsonNode?> _answerServerRequest;
        private readonly Task _reading;
        private long _nextId;

        private LanguageServerClient(Process process, Func<string, JsonNode?, JsonNode?> answerServerRequest)
        {
            _process = process;
            _toServer = process.StandardInput.BaseStream;
            _answerServerRequest = answerServerRequest;
            process.ErrorDataReceived += (_, e) =>
            {
                lock (_stderr)
                {
                    // Keep the tail: enough to explain a failure.
                    if (_stderr.Length > 200_000)
                    {
                        _stderr.Remove(0, 100_000);
                    }

                    _stderr.AppendLine(e.Data);
                }
            };
            process.BeginErrorReadLine();
            _reading = Task.Run(ReadLoopAsync);
        }

        /// <summary>Server notifications in arrival order: (method, params).</summary>
        public ConcurrentQueue<(string Method, JsonNode? Params)> Notifications { get; } = new();

        /// <summary>What the server wrote to stderr (its log), for failure messages.</summary>
        public string ServerLog
        {
            get
            {
                lock (_stderr)
                {
                    return _stderr.ToString();
                }
            }
        }

        public static LanguageServerClient Start(string executable, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, Func<string, JsonNode?, JsonNode?> answerServerRequest)
        {
            ProcessStartInfo start = ToolProcess.StartInfo(executable, arguments, workingDirectory, environment);
            Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + executable);
            return new LanguageServerClient(process, answerServerRequest);
        }

        public async Task<JsonNode?> RequestAsync(string method, JsonNode? parameters, TimeSpan timeout)
        {
            long id = Interlocked.Increment(ref _nextId);
            var response = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending[id] = response;
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters });
            try
            {
                return await response.Task.WaitAsync(timeout);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"no answer to '{method}' within {timeout.TotalSeconds:0} s; server log:\n{ServerLog}");
            }
            finally
            {
                _pending.TryRemove(id, out _);
            }
        }

        public Task NotifyAsync(string method, JsonNode? parameters) =>
            SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = parameters });

        /// <summary>shutdown, exit, and a bounded wait for the process; killed if it lingers.</summary>
        public async ValueTask DisposeAsync()
        {
            try
            {
                if (!_process.HasExited)
                {
                    await RequestAsync("shutdown", null, TimeSpan.FromSeconds(20));
                    await NotifyAsync("exit", null);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                    await _process.WaitForExitAsync(wait.Token);
                }
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or IOException or InvalidOperationException)
            {
                // Fall through to the kill below.
            }
            finally
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                }

                _process.Dispose();
                _writing.Dispose();
            }
        }

        private async Task SendAsync(JsonObject message)
        {
            byte[] body = Encoding.UTF8.GetBytes(message.ToJsonString());
            byte[] header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
            await _writing.WaitAsync();
            try
            {
                await _toServer.WriteAsync(header);
                await _toServer.WriteAsync(body);
                await _toServer.FlushAsync();
            }
            finally
            {
                _writing.Release();
            }
        }

        private async Task ReadLoopAsync()
        {
            Stream fromServer = _process.StandardOutput.BaseStream;
            try
            {
                while (await ReadMessageAsync(fromServer) is JsonObject message)
                {
                    await DispatchAsync(message);
                }
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or System.Text.Json.JsonException)
            {
                FailPending("the connection to the server broke: " + e.Message);
                return;
            }

            FailPending("the server closed its output");
        }

        private async Task DispatchAsync(JsonObject message)
        {
            string? method = message["method"]?.GetValue<string>();
            JsonNode? id = message["id"];
            if (method is not null && id is not null)
            {
                JsonNode? result = _answerServerRequest(method, message["params"]);
                await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result });
            }
            else if (method is not null)
            {
                Notifications.Enqueue((method, message["params"]));
            }
            else if (id is not null && _pending.TryGetValue(id.GetValue<long>(), out TaskCompletionSource<JsonNode?>? response))
            {
                if (message["error"] is JsonNode error)
                {
                    response.TrySetException(new InvalidOperationException("the server answered with an error: " + error.ToJsonString()));
                }
                else
                {
                    response.TrySetResult(message["result"]);
                }
            }
        }

        private void FailPending(string why)
        {
            foreach (TaskCompletionSource<JsonNode?> response in _pending.Values)
            {
                response.TrySetException(new IOException(why + "; server log:\n" + ServerLog));
            }
        }

        /// <summary>One framed message, or null at the end of the stream.</summary>
        private static async Task<JsonNode?> ReadMessageAsync(Stream stream)
        {
            int length = -1;
            while (true)
            {
                string? line = await ReadHeaderLineAsync(stream);
                if (line is null)
                {
                    return null;
                }

                if (line.Length == 0)
                {
                    break;
                }

                int colon = line.IndexOf(':');
                if (colon > 0 && line.Substring(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    length = int.Parse(line.Substring(colon + 1).Trim(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (length < 0)
            {
                throw new IOException("a message without Content-Length");
            }

            byte[] body = new byte[length];
            await stream.ReadExactlyAsync(body);
            return JsonNode.Parse(body);
        }

        private static async Task<string?> ReadHeaderLineAsync(Stream stream)
        {
            var line = new List<byte>();
            byte[] one = new byte[1];
            while (true)
            {
                if (await stream.ReadAsync(one) == 0)
                {
                    return null;
                }

                if (one[0] == '\n')
                {
                    return Encoding.ASCII.GetString(line.ToArray()).TrimEnd('\r');
                }

                line.Add(one[0]);
            }
        }
    }
}
