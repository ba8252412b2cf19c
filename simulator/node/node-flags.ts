/** Whether Node's arguments name this V8 flag, alone or with `=value`; V8 takes `_` for `-` in names. */
export function namesFlag(args: readonly string[], flag: string): boolean {
  return args.some((arg) => {
    const named = arg.replaceAll('_', '-');
    return named === flag || named.startsWith(`${flag}=`);
  });
}
