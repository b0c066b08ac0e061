/// deploy.sh's steps that give each managed role that logs in a generated password, in the basic-auth Secret the
/// role's `passwordSecret` names (in `managed.roles` or its DatabaseRole); an existing Secret (and so the password) is kept.
enum RoleSecretSteps {
    static func steps(_ inputs: ScriptInputs) -> [Step] {
        inputs.loginRoles.flatMap { role -> [Step] in
            let name = role.name
            let secret = ShellWord(role.secret)
            return [
                .heading("Secret " + secret + " for the role " + ShellWord(name)),
                ScriptSteps.generatedPasswordSecret(secret, ["--type=kubernetes.io/basic-auth", ShellWord("--from-literal=username=\(name)"),
                                                             "--from-file=password=/dev/stdin"]),
            ]
        }
    }
}
