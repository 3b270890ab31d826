using Coffer.Server.Features.Accounts;
using Coffer.Server.Features.Folders;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coffer.Server.Features.Files;

/// <summary>An owner's file: a client-chosen id that never changes, its plaintext extension, sealed name and the file key wrapped for the owner.</summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public Guid? FolderId { get; set; }

    /// <summary>Lower-case, without the dot; empty for a file without extension.</summary>
    public required string Extension { get; set; }

    public required byte[] SealedName { get; set; }
    public required byte[] WrappedFileKey { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? TrashedAt { get; set; }
}

/// <summary>One immutable version of a file; rows are only ever inserted (see <c>IAppendOnly</c>).</summary>
public sealed class FileVersion : Infrastructure.Data.IAppendOnly
{
    public Guid FileId { get; set; }
    public int Number { get; set; }
    public Guid ContentId { get; set; }

    /// <summary>The blob holding the ciphertext; "make it current" versions share their source's blob.</summary>
    public required string BlobId { get; set; }

    public long CiphertextLength { get; set; }
    public required byte[] CiphertextSha256 { get; set; }
    public required byte[] WrappedContentKey { get; set; }
    public required byte[] SealedMetadata { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The uploader's normalised email: the owner's account email, or a link recipient's verified email.</summary>
    public required string UploaderEmail { get; set; }

    /// <summary>The uploading account, when an account (not a link recipient) made the version.</summary>
    public Guid? UploaderAccountId { get; set; }

    public int? BasedOn { get; set; }
    public int? RestoredFrom { get; set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>, IEntityTypeConfiguration<FileVersion>
{
    public void Configure(EntityTypeBuilder<StoredFile> builder)
    {
        builder.ToTable("Files");
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Extension).HasMaxLength(FileInput.MaxExtensionLength);
        builder.HasIndex(f => new { f.OwnerId, f.FolderId });
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Folder>().WithMany().HasForeignKey(f => f.FolderId).OnDelete(DeleteBehavior.Restrict);
    }

    public void Configure(EntityTypeBuilder<FileVersion> builder)
    {
        builder.ToTable("FileVersions");
        builder.HasKey(v => new { v.FileId, v.Number });
        builder.Property(v => v.BlobId).HasMaxLength(64);
        builder.Property(v => v.UploaderEmail).HasMaxLength(320);
        builder.HasIndex(v => v.BlobId);
        builder.HasOne<StoredFile>().WithMany().HasForeignKey(v => v.FileId).OnDelete(DeleteBehavior.Restrict);
    }
}
