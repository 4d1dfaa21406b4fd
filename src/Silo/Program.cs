// The silo host arrives with the cluster issue; until then the gateway hosts the silo in dev mode.
Console.Error.WriteLine("Marketplace.Silo: not yet implemented; run the gateway in dev mode.");
return 1;
