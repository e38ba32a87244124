using StoreSales.CommandCenter;
using StoreSales.CommandCenter.Access;

// An operator's verb runs and exits without starting the server: `store-keys …` (README, "Store keys").
if (args.Length > 0 && args[0] == StoreKeyCommand.Verb)
{
    return await StoreKeyCommand.Run(args[1..], Console.Out, Console.Error);
}

var app = CommandCenterApp.Build(args);
await app.RunAsync();
return 0;
