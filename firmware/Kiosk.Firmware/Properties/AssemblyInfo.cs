using System.Reflection;

[assembly: AssemblyTitle("Kiosk.Firmware")]
[assembly: AssemblyDescription("Gatehouse Kiosk entrance controller firmware for ESP32 boards (.NET nanoFramework)")]
[assembly: AssemblyCompany("Gatehouse Kiosk")]
[assembly: AssemblyProduct("Gatehouse Kiosk")]
[assembly: AssemblyVersion("0.1.0.0")]
