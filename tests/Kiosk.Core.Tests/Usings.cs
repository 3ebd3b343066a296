// The simulated pins and storage live in host-sim, which runs the same controller for people.
global using Kiosk.HostSim.Simulation;
