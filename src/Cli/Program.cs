using Cai.Cli;

return await CaiApp.RunAsync(args, Console.Out, Console.Error);
