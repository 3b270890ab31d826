using System.CommandLine;
using Coffer.Cli.Commands;
using Coffer.Cli.Infrastructure;

var root = new RootCommand("coffer: end-to-end encrypted file sharing from the terminal (exit codes: 0 ok, 1 usage, 2 auth, 3 not found, 4 conflict/format, 5 network, 6 integrity, 7 server, 130 interrupted)");
root.Options.Add(CommandRunner.Server);
root.Options.Add(CommandRunner.Json);
foreach (var command in AccountCommands.Create().Concat(FileCommands.Create()).Concat(RecipientCommands.Create()))
    root.Subcommands.Add(command);
root.Subcommands.Add(LinkCommands.Create());
root.Subcommands.Add(AdminCommands.Create());
return await root.Parse(args).InvokeAsync();
