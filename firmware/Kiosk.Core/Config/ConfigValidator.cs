namespace Kiosk.Core.Config
{
    /// <summary>Rules that span fields: pins, functions that must be unique, thresholds that must be ordered.</summary>
    public static class ConfigValidator
    {
        public static void Validate(ControllerConfig config, ConfigErrors errors)
        {
            string chip = config.Chip;
            int lockPin = config.Lock.Pin;
            CheckPin(chip, lockPin, "lock.pin", true, errors);
            if (ChipPins.IsStrapping(chip, lockPin))
                errors.Add("lock.pin", "GPIO " + lockPin + " is a strapping pin on " + chip + ": it can glitch at reset and click the door open; use another pin");

            for (int i = 0; i < config.Inputs.Length; i++)
            {
                InputPin input = config.Inputs[i];
                string field = "inputs[" + i + "].pin";
                CheckPin(chip, input.Pin, field, false, errors);
                if (input.Function == InputFunction.DoorContact && ChipPins.IsStrapping(chip, input.Pin))
                    errors.Add(field, "GPIO " + input.Pin + " is a strapping pin on " + chip + ": a door contact there can stop the board booting; use another pin");
                if (ChipPins.IsInputOnly(chip, input.Pin) && input.InternalPull)
                    errors.Add(field, "GPIO " + input.Pin + " has no internal pull resistor on " + chip + ": fit one on the board and set \"pull\" to \"external-up\" or \"external-down\", or use another pin");
                if (input.Function == InputFunction.LampFeedback && input.Circuit < 1)
                    errors.Add("inputs[" + i + "].circuit", "a lamp feedback input needs its circuit number (1..16)");
            }
            for (int i = 0; i < config.Outputs.Length; i++)
            {
                OutputPin output = config.Outputs[i];
                CheckPin(chip, output.Pin, "outputs[" + i + "].pin", true, errors);
                if (output.Function == OutputFunction.LampRelay && output.Circuit < 1)
                    errors.Add("outputs[" + i + "].circuit", "a lamp relay needs its circuit number (1..16)");
            }

            if (config.Reader.Present)
            {
                CheckPin(chip, config.Reader.D0, "reader.d0", false, errors);
                CheckPin(chip, config.Reader.D1, "reader.d1", false, errors);
            }
            CheckPinsUnique(config, errors);
            CheckSingle(config, InputFunction.DoorContact, errors);
            CheckSingle(config, InputFunction.ExitButton, errors);
            CheckSingle(config, InputFunction.CallButton, errors);
            CheckSingle(config, InputFunction.Fire, errors);
            CheckSingle(config, InputFunction.Tamper, errors);
            CheckSingleOutput(config, OutputFunction.CallLed, errors);
            CheckSingleOutput(config, OutputFunction.Buzzer, errors);
            CheckSingleOutput(config, OutputFunction.ReaderLed, errors);
            CheckSingleOutput(config, OutputFunction.ReaderBeeper, errors);

            if (config.Lights.LightAbovePercent <= config.Lights.DarkBelowPercent)
                errors.Add("lights.lightAbovePercent", "must be above lights.darkBelowPercent (" + config.Lights.DarkBelowPercent + "), or day and night would flicker");
            if (config.Mqtt.Host != null && config.Network.Type == NetworkType.None)
                errors.Add("network", "is required with mqtt: {\"type\": \"wifi\", \"ssid\": ...} or {\"type\": \"ethernet\"}, as the board profile says");
            if (config.LowMemoryRebootBytes != 0 && config.LowMemoryRebootBytes < 4096)
                errors.Add("lowMemoryRebootBytes", "must be 0 (off) or 4096..65536: below 4 KB the runtime fails before a reboot could be planned");
            if (config.Call.LongPressCancelMillis != 0 && config.Call.LongPressCancelMillis < 500)
                errors.Add("call.longPressCancelMillis", "must be 0 (off) or at least 500, or an ordinary press would cancel the call");
        }

        private static void CheckPin(string chip, int pin, string field, bool output, ConfigErrors errors)
        {
            if (pin < 0)
                return; // already reported as missing
            if (!ChipPins.Exists(chip, pin))
                errors.Add(field, "GPIO " + pin + " does not exist on " + chip);
            else if (ChipPins.IsReserved(chip, pin))
                errors.Add(field, "GPIO " + pin + " is wired to the module's flash on " + chip + " and cannot be used");
            else if (output && ChipPins.IsInputOnly(chip, pin))
                errors.Add(field, "GPIO " + pin + " is input-only on " + chip + " and cannot drive an output");
        }

        private static void CheckPinsUnique(ControllerConfig config, ConfigErrors errors)
        {
            int count = 3 + config.Inputs.Length + config.Outputs.Length;
            int[] pins = new int[count];
            string[] fields = new string[count];
            pins[0] = config.Lock.Pin;
            fields[0] = "lock.pin";
            for (int i = 0; i < config.Inputs.Length; i++)
            {
                pins[1 + i] = config.Inputs[i].Pin;
                fields[1 + i] = "inputs[" + i + "].pin";
            }
            for (int i = 0; i < config.Outputs.Length; i++)
            {
                pins[1 + config.Inputs.Length + i] = config.Outputs[i].Pin;
                fields[1 + config.Inputs.Length + i] = "outputs[" + i + "].pin";
            }
            pins[count - 2] = config.Reader.Present ? config.Reader.D0 : -1;
            fields[count - 2] = "reader.d0";
            pins[count - 1] = config.Reader.Present ? config.Reader.D1 : -1;
            fields[count - 1] = "reader.d1";
            for (int i = 0; i < count; i++)
                for (int j = 0; j < i; j++)
                    if (pins[i] >= 0 && pins[i] == pins[j])
                        errors.Add(fields[i], "GPIO " + pins[i] + " is already used by " + fields[j] + "; one pin, one function");
        }

        private static void CheckSingle(ControllerConfig config, InputFunction function, ConfigErrors errors)
        {
            int first = -1;
            for (int i = 0; i < config.Inputs.Length; i++)
            {
                if (config.Inputs[i].Function != function)
                    continue;
                if (first < 0)
                    first = i;
                else
                    errors.Add("inputs[" + i + "].function", "only one input may be a " + ConfigReader.NameOf(function) + " (inputs[" + first + "] already is)");
            }
        }

        private static void CheckSingleOutput(ControllerConfig config, OutputFunction function, ConfigErrors errors)
        {
            int first = -1;
            for (int i = 0; i < config.Outputs.Length; i++)
            {
                if (config.Outputs[i].Function != function)
                    continue;
                if (first < 0)
                    first = i;
                else
                    errors.Add("outputs[" + i + "].function", "only one output may be a " + ConfigReader.NameOf(function) + " (outputs[" + first + "] already is)");
            }
        }
    }
}
