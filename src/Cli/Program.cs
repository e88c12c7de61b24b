Console.WriteLine("cai");
