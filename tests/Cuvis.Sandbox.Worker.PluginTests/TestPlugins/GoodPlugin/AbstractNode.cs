using Cuvis.Sandbox.Contracts;

namespace GoodPlugin;

public abstract class AbstractNode : Node
{
}
