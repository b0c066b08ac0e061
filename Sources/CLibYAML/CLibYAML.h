// libyaml's event API, which PGHAKit's YAMLComposer reads specs with (Debian/Ubuntu: libyaml-dev).
#include <yaml.h>
